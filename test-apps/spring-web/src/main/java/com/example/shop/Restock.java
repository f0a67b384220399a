package com.example.shop;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Places a restocking order on a schedule ({@code shop.restock-millis}, a second by default). */
@Component
public class Restock {

    private final Orders orders;

    public Restock(Orders orders) {
        this.orders = orders;
    }

    @Scheduled(fixedDelayString = "${shop.restock-millis:1000}")
    public void run() {
        orders.place("restock");
    }
}
