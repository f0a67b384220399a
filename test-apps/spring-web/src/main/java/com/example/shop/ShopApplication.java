package com.example.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A shop: orders placed and listed over HTTP, a restocking task on a schedule. Prints
 * {@code shop ready port=<port>} once it serves. Spring Boot's own arguments apply
 * ({@code --server.port=0}, {@code --shop.restock-millis=200}).
 */
@SpringBootApplication
@EnableScheduling
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
