package io.nodescope.agent.otlp;

import io.nodescope.agent.AgentLibraries;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import java.util.List;

/**
 * The client that carries OTLP, given to every exporter's builder: the JDK's HTTP client for
 * http/protobuf; OkHttp for gRPC, whose status arrives in HTTP/2 trailers that the JDK's client does
 * not expose. OkHttp, Okio and the Kotlin library are in an archive of their own
 * ({@link AgentLibraries#grpc()}), opened by the first gRPC exporter, so that http/protobuf never
 * loads them.
 */
public final class OtlpSenders {

    /** Named, not referenced: a reference would need it in this class's loader. Relocated with the library. */
    private static final String GRPC_PROVIDER = "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSenderProvider";

    private OtlpSenders() {
    }

    /** For an http/protobuf exporter's {@code setComponentLoader}: the JDK's client, the SDK's other extensions as usual. */
    public static ComponentLoader http() {
        return only(HttpSenderProvider.class, new JdkHttpSenderProvider());
    }

    /** For a gRPC exporter's {@code setComponentLoader}: OkHttp, the SDK's other extensions as usual. */
    public static ComponentLoader grpc() {
        try {
            return only(GrpcSenderProvider.class,
                    (GrpcSenderProvider) Class.forName(GRPC_PROVIDER, true, AgentLibraries.grpc()).getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the gRPC sender cannot be loaded: " + e, e);
        }
    }

    private static <S> ComponentLoader only(Class<S> type, S provider) {
        ComponentLoader others = ComponentLoader.forClassLoader(OtlpSenders.class.getClassLoader());
        return new ComponentLoader() {
            @Override
            public <T> Iterable<T> load(Class<T> spi) {
                return spi == type ? List.of(spi.cast(provider)) : others.load(spi);
            }
        };
    }
}
