package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import org.junit.jupiter.api.Test;

class ParameterSlotsTest {

    /** Static and instance methods, with long and double parameters (two slots each), arrays and none. */
    @Test
    void whereTheLocalsBeginIsWhatByteBuddysFullDescriptionSays() {
        int compared = 0;
        for (Class<?> type : new Class<?>[] {Math.class, String.class, ConcurrentHashMap.class, Long.class}) {
            for (Method method : type.getDeclaredMethods()) {
                MethodDescription described = new MethodDescription.ForLoadedMethod(method);
                assertEquals(described.getStackSize(), new ParameterSlots(described.getModifiers(), described.getDescriptor()).getStackSize(),
                        method.toString());
                compared++;
            }
        }
        assertTrue(compared > 300, compared + " methods");
    }
}
