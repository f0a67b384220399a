package com.example.shop;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /orders/{item}} places an order, {@code GET /orders} lists them. */
@RestController
public class OrderController {

    private final Orders orders;

    public OrderController(Orders orders) {
        this.orders = orders;
    }

    @PostMapping("/orders/{item}")
    public long place(@PathVariable("item") String item) {
        return orders.place(item);
    }

    @GetMapping("/orders")
    public List<Map<String, Object>> all() {
        return orders.all();
    }
}
