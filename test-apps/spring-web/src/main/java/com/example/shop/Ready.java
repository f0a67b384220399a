package com.example.shop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says when the shop serves, and on which port (the one it was given, or the free one of port 0). */
@Component
public class Ready {

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
        System.out.println("shop ready port=" + port);
        System.out.flush();
    }
}
