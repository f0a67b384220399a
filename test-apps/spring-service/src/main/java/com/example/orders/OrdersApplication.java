package com.example.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Places orders through the service, some of them rejected, prints what happened, then stays up to be
 * scraped. Arguments: orders placed, orders rejected, seconds to stay up. Spring proxies the service
 * with CGLIB, or with a JDK proxy when started with {@code -Dspring.aop.proxy-target-class=false}.
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) throws InterruptedException {
        int placed = Integer.parseInt(args[0]);
        int rejected = Integer.parseInt(args[1]);
        ConfigurableApplicationContext context = SpringApplication.run(OrdersApplication.class);
        OrderService orders = context.getBean(OrderService.class);
        for (int i = 0; i < placed; i++) {
            orders.place("item-" + i);
        }
        int failed = 0;
        for (int i = 0; i < rejected; i++) {
            try {
                orders.placeRejected("rejected-" + i);
            } catch (IllegalArgumentException e) {
                failed++;
            }
        }
        Integer rows = context.getBean(JdbcTemplate.class).queryForObject("select count(*) from orders", Integer.class);
        System.out.println("orders placed=" + placed + " failed=" + failed + " rows=" + rows + " service=" + orders.getClass().getName());
        System.out.flush();
        Thread.sleep(Long.parseLong(args[2]) * 1000);
    }
}
