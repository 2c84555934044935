package org.provenance.ledger.api.rebuild;

import org.axonframework.config.ProcessingGroup;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.projections.support.ProjectionCaches;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.ClassUtils;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Second instances of the read models' handlers (every handler of the projections module, whatever
 * its processing group), for the shadow processor, which runs them all in one order: made by a
 * child application context whose JdbcClient, JdbcTemplate and ProjectionBuffer use the
 * {@link ShadowConnections}, so the same classes, unchanged, write the shadow tables. Their own
 * instances, not the live ones: the handlers keep caches of what they wrote (calendars,
 * compositions, facilities), and the shadow starts from the first event while the live ones are at
 * the head. Handlers that read another handler (flags read compositions) or a query class of the
 * module get the shadow one.
 */
final class ShadowProjections implements AutoCloseable {

    private final ApplicationContext parent;
    private final ShadowConnections connections;
    private static final String PROJECTIONS = "org.provenance.ledger.projections.";

    private final List<String> names = new ArrayList<>();
    private final Set<String> groups = new TreeSet<>();
    private AnnotationConfigApplicationContext context;

    ShadowProjections(ApplicationContext parent, DefaultListableBeanFactory beans, ShadowConnections connections) {
        this.parent = parent;
        this.connections = connections;
        for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = type(beans, name);
            ProcessingGroup group = AnnotationUtils.findAnnotation(type, ProcessingGroup.class);
            if (group != null && type.getName().startsWith(PROJECTIONS)) {
                names.add(name);
                groups.add(group.value());
            }
        }
    }

    /** The live processing groups whose read models a rebuild replaces (and whose tokens take the shadow's). */
    Set<String> groups() {
        return groups;
    }

    /** The live handlers' bean names, in the order Axon calls them. */
    List<String> names() {
        return names;
    }

    synchronized Object handler(String name) {
        return context().getBean(name);
    }

    /** Before a rebuild: the shadow handlers start from the first event, with nothing remembered. */
    synchronized void dropCaches() {
        context().getBeansOfType(ProjectionCaches.class).values().forEach(ProjectionCaches::dropCaches);
    }

    private AnnotationConfigApplicationContext context() {
        if (context == null) {
            DataSource shadow = connections.dataSource();
            AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext();
            child.setParent(parent);
            child.setDisplayName("shadow projections");
            // Primary, and named as the parent's, so that the child's beans win over the parent's.
            child.registerBean("jdbcTemplate", JdbcTemplate.class, () -> new JdbcTemplate(shadow),
                               d -> d.setPrimary(true));
            child.registerBean("jdbcClient", JdbcClient.class, () -> JdbcClient.create(shadow), d -> d.setPrimary(true));
            child.registerBean("projectionBuffer", ProjectionBuffer.class, d -> d.setPrimary(true));
            DefaultListableBeanFactory beans = (DefaultListableBeanFactory) parent.getAutowireCapableBeanFactory();
            // Every bean of the projections module, not only the handlers: a handler's helpers (the
            // correction recompute's WhatIfQueries, say) must read the shadow tables too.
            for (String name : beans.getBeanDefinitionNames()) {
                Class<?> type = beans.getType(name);
                if (type != null && ClassUtils.getUserClass(type).getName().startsWith(PROJECTIONS)) {
                    child.registerBean(name, type(beans, name), d -> d.setPrimary(true));
                }
            }
            child.refresh();
            context = child;
        }
        return context;
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> type(DefaultListableBeanFactory beans, String name) {
        return (Class<T>) ClassUtils.getUserClass(beans.getType(name));
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
        }
    }
}
