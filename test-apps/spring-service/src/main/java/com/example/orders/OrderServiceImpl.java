package com.example.orders;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class OrderServiceImpl implements OrderService {

    private final JdbcTemplate jdbc;

    public OrderServiceImpl(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void place(String item) {
        jdbc.update("insert into orders (item) values (?)", item);
    }

    @Override
    public void placeRejected(String item) {
        jdbc.update("insert into orders (item) values (?)", item);
        throw new IllegalArgumentException("rejected order " + item);
    }
}
