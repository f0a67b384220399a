package com.example.shop;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The orders in H2, through Spring's JdbcTemplate on a HikariCP pool; Spring proxies it for the transactions. */
@Service
public class JdbcOrders implements Orders {

    private final JdbcTemplate jdbc;

    public JdbcOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public long place(String item) {
        jdbc.update("insert into orders (item) values (?)", item);
        return jdbc.queryForObject("select count(*) from orders", Long.class);
    }

    @Override
    public List<Map<String, Object>> all() {
        return jdbc.queryForList("select id, item from orders order by id");
    }
}
