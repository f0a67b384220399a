package com.example.shop;

import java.util.List;
import java.util.Map;

/** The shop's orders. */
public interface Orders {

    /** Places an order; returns how many orders there are. */
    long place(String item);

    List<Map<String, Object>> all();
}
