package org.example.bench;

/** A class of a node's that no rule selects and that names nothing but the JDK's basics. */
public class Plain {

    private final String name;

    public Plain(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Plain[" + name + "]";
    }
}
