package com.example.orders;

/** What the application calls; Spring hands it a transactional proxy in front of {@link OrderServiceImpl}. */
public interface OrderService {

    /** Stores an order. */
    void place(String item);

    /** Stores an order, then rejects it: the transaction rolls back and the exception reaches the caller. */
    void placeRejected(String item);
}
