package io.nodescope.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.fixture.Proxied;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedClassesTest {

    @Test
    void generatedClassesAreToldFromTheirSuperclassInterfacesAndNames() {
        assertTrue(GeneratedClasses.isGenerated("jdk.proxy3.$Proxy9", "java.lang.reflect.Proxy", List.of("com.example.CommandService")));
        assertTrue(GeneratedClasses.isGenerated("com.sun.proxy.$Proxy12", "java.lang.reflect.Proxy", List.of()));
        assertTrue(GeneratedClasses.isGenerated("com.example.Impl$$SpringCGLIB$$0", "com.example.Impl", List.of()));
        assertTrue(GeneratedClasses.isGenerated("com.example.Impl$$EnhancerBySpringCGLIB$$1a2b", "com.example.Impl", List.of()));
        assertTrue(GeneratedClasses.isGenerated("com.example.Impl$$EnhancerByCGLIB$$1a2b", "com.example.Impl", List.of()));
        assertTrue(GeneratedClasses.isGenerated("com.example.Impl$$FastClassBySpringCGLIB$$1a2b", "org.springframework.cglib.reflect.FastClass",
                List.of()));
        assertTrue(GeneratedClasses.isGenerated("com.example.Impl$ByteBuddy$Xy3z", "com.example.Impl", List.of()));
        assertTrue(GeneratedClasses.isGenerated("com.example.Order$HibernateProxy$Ab12", "com.example.Order", List.of()));
        assertTrue(GeneratedClasses.isGenerated("com.example.Order_$$_jvst4a2_0", "com.example.Order", List.of()));
        assertTrue(GeneratedClasses.isGenerated("com.example.Impl$MockitoMock$123", "com.example.Impl", List.of()));
        assertTrue(GeneratedClasses.isGenerated("com.example.Renamed", "com.example.Impl", List.of("org.springframework.cglib.proxy.Factory")),
                "a CGLIB class under any name implements its Factory");
        assertTrue(GeneratedClasses.isGenerated("com.example.Renamed", "com.example.Order", List.of("org.hibernate.proxy.HibernateProxy")));
        assertFalse(GeneratedClasses.isGenerated("com.example.Impl", "java.lang.Object", List.of("com.example.CommandService")));
        assertFalse(GeneratedClasses.isGenerated("com.example.Outer$Inner$1", "java.lang.Object", List.of()));
        assertFalse(GeneratedClasses.isGenerated("com.example.Money$$Cents", "java.lang.Object", List.of()), "a $$ in a user's name");
    }

    @Test
    void theUsersClassIsToldFromTheNamesOfAGeneratedClass() {
        assertEquals("com.example.Impl", GeneratedClasses.userClassName("com.example.Impl$$SpringCGLIB$$0", "com.example.Impl",
                List.of("org.springframework.aop.SpringProxy", "org.springframework.aop.framework.Advised", "org.springframework.cglib.proxy.Factory")));
        assertEquals("com.example.CommandService", GeneratedClasses.userClassName("jdk.proxy2.$Proxy48", "java.lang.reflect.Proxy",
                List.of("org.springframework.aop.SpringProxy", "com.example.CommandService", "org.springframework.core.DecoratingProxy")));
        assertEquals("com.example.Api", GeneratedClasses.userClassName("com.example.Api$$Lambda$14/0x0000000800c03000", "java.lang.Object",
                List.of("com.sun.net.httpserver.HttpHandler")));
    }

    @Test
    void theUsersClassBehindAGeneratedOneIsItsSuperclassOrTheInterfaceItProxies() throws Exception {
        assertEquals(Proxied.RealService.class.getName(), GeneratedClasses.userClassName(Proxied.RealService.class));
        Proxied.Service proxy = Proxied.behindProxy(Proxied.Service.class, new Proxied.RealService());
        assertEquals(Proxied.Service.class.getName(), GeneratedClasses.userClassName(proxy.getClass()));
        Proxied.SubclassedService subclass = Proxied.subclassed(Proxied.SubclassedService.class);
        assertEquals(Proxied.SubclassedService.class.getName(), GeneratedClasses.userClassName(subclass.getClass()));
        Runnable lambda = () -> { };
        assertEquals(GeneratedClassesTest.class.getName(), GeneratedClasses.userClassName(lambda.getClass()));
    }
}
