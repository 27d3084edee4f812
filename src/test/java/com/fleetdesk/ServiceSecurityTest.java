package com.fleetdesk;

import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.SystemOperation;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public method of every service either names the roles that may call it, is open to
 * signed-in users only (and scopes its results to them), or says it is a system operation; for
 * every role not named, and for anonymous callers, a call is refused before the method runs (so
 * the test needs no valid arguments).
 */
@FleetdeskTest
class ServiceSecurityTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    SignedIn signedIn;

    /** A demo account per role. */
    private static final Map<Role, String> USERS = Map.of(
            Role.ADMIN, "admin", Role.FLEET_MANAGER, "manager", Role.DISPATCHER, "dispatcher", Role.OFFICE_STAFF, "office",
            Role.WAREHOUSE, "warehouse", Role.TECHNICIAN, "technician", Role.SUPPORT_AGENT, "agent", Role.DRIVER, "driver");

    @Test
    void everyPublicServiceMethodDeclaresWhoMayCallIt() {
        List<String> undeclared = new ArrayList<>();
        services().forEach((name, bean) -> {
            for (Method m : publicMethods(AopUtils.getTargetClass(bean))) {
                if (secured(m) == null && signedInOnly(m) == null && systemOperation(m) == null) {
                    undeclared.add(name + "." + m.getName());
                }
            }
        });
        assertThat(undeclared).as("public service methods with neither @Secured nor @SystemOperation").isEmpty();
    }

    @Test
    void everyRoleNotNamedIsRefusedAndAnonymousCallersToo() {
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (var entry : services().entrySet()) {
            Object bean = entry.getValue();
            for (Method m : publicMethods(AopUtils.getTargetClass(bean))) {
                Secured secured = secured(m);
                PreAuthorize signedInOnly = signedInOnly(m);
                if (secured == null && signedInOnly == null) {
                    continue;
                }
                Set<String> allowed = secured == null ? Set.of() : Set.of(secured.value());
                for (Role role : Role.values()) {
                    if (secured == null || allowed.contains(role.authority())) {
                        continue;
                    }
                    checked++;
                    if (!refused(() -> signedIn.run(USERS.get(role), () -> invoke(bean, m)))) {
                        leaks.add(entry.getKey() + "." + m.getName() + " as " + role);
                    }
                }
                SecurityContextHolder.clearContext();
                if (!refused(() -> invoke(bean, m))) {
                    leaks.add(entry.getKey() + "." + m.getName() + " anonymously");
                }
            }
        }
        assertThat(checked).as("service method × role pairs checked").isGreaterThan(100);
        assertThat(leaks).as("calls that were not refused").isEmpty();
    }

    private Map<String, Object> services() {
        return context.getBeansWithAnnotation(Service.class).entrySet().stream()
                .filter(e -> AopUtils.getTargetClass(e.getValue()).getPackageName().startsWith("com.fleetdesk"))
                .collect(Collectors.toMap(e -> AopUtils.getTargetClass(e.getValue()).getSimpleName(), Map.Entry::getValue,
                        (a, b) -> a, TreeMap::new));
    }

    private static List<Method> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !Modifier.isStatic(m.getModifiers()))
                .toList();
    }

    private static Secured secured(Method m) {
        Secured onMethod = AnnotatedElementUtils.findMergedAnnotation(m, Secured.class);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(m.getDeclaringClass(), Secured.class);
    }

    /** Methods open to every signed-in user scope their results to the caller; anonymous callers are refused. */
    private static PreAuthorize signedInOnly(Method m) {
        PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(m, PreAuthorize.class);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(m.getDeclaringClass(), PreAuthorize.class);
    }

    private static SystemOperation systemOperation(Method m) {
        SystemOperation onMethod = m.getAnnotation(SystemOperation.class);
        return onMethod != null ? onMethod : m.getDeclaringClass().getAnnotation(SystemOperation.class);
    }

    /** Calls through the Spring proxy with default arguments; only the security check matters. */
    private static void invoke(Object bean, Method m) {
        Object[] args = Arrays.stream(m.getParameterTypes()).map(ServiceSecurityTest::defaultValue).toArray();
        try {
            Method proxied = bean.getClass().getMethod(m.getName(), m.getParameterTypes());
            proxied.invoke(bean, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean refused(Runnable call) {
        try {
            call.run();
            return false;
        } catch (AccessDeniedException | AuthenticationCredentialsNotFoundException e) {
            return true;
        } catch (RuntimeException e) {
            // Anything else means the method body ran: the security check let the call through.
            return false;
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) return false;
        if (type == char.class) return '\0';
        if (type == long.class) return 0L;
        if (type == int.class) return 0;
        if (type == double.class) return 0d;
        if (type == float.class) return 0f;
        if (type == short.class) return (short) 0;
        return (byte) 0;
    }
}
