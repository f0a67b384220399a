package io.nodescope.demo;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/** Spans as the agent exports them, for the tests: ids from small numbers, times in microseconds. */
final class Spans {

    private Spans() {
    }

    static Span span(int trace, int id, int parent, String name, long startMicros, long endMicros) {
        Span.Builder span = Span.newBuilder().setTraceId(id(trace, 16)).setSpanId(id(id, 8)).setName(name)
                .setStartTimeUnixNano(startMicros * 1000).setEndTimeUnixNano(endMicros * 1000);
        if (parent != 0) {
            span.setParentSpanId(id(parent, 8));
        }
        return span.build();
    }

    static Span failed(Span span, String message) {
        return span.toBuilder().setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                .setMessage(message)).build();
    }

    private static ByteString id(int value, int length) {
        byte[] bytes = new byte[length];
        bytes[length - 1] = (byte) value;
        bytes[0] = 0x4b;
        return ByteString.copyFrom(bytes);
    }
}
