package com.fleetdesk.base.ui;

import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * A Spring Data page that starts exactly at a Vaadin query's offset and holds its limit. A grid
 * asks for ranges such as rows 150-249 after a scroll; Spring's {@code PageRequest} only starts
 * at multiples of its size, so a page made from such a range returned other rows or more rows
 * than asked for (which Vaadin refuses with "exceeds the limit specified by the query").
 */
public record OffsetPage(long offset, int size, Sort sort) implements Pageable {

    public OffsetPage {
        if (offset < 0 || size < 1) {
            throw new IllegalArgumentException("offset " + offset + ", size " + size);
        }
    }

    /** The query's rows, in the order its sort orders give (none: unsorted). */
    public static OffsetPage of(Query<?, ?> query) {
        return new OffsetPage(query.getOffset(), Math.max(1, query.getLimit()), VaadinSpringDataHelpers.toSpringDataSort(query));
    }

    /** The query's rows in the given order (for pickers, whose queries carry no sort). */
    public static OffsetPage of(Query<?, ?> query, Sort sort) {
        return new OffsetPage(query.getOffset(), Math.max(1, query.getLimit()), sort);
    }

    @Override
    public int getPageNumber() {
        return (int) (offset / size);
    }

    @Override
    public int getPageSize() {
        return size;
    }

    @Override
    public long getOffset() {
        return offset;
    }

    @Override
    public Sort getSort() {
        return sort;
    }

    @Override
    public Pageable next() {
        return new OffsetPage(offset + size, size, sort);
    }

    @Override
    public Pageable previousOrFirst() {
        return new OffsetPage(Math.max(0, offset - size), size, sort);
    }

    @Override
    public Pageable first() {
        return new OffsetPage(0, size, sort);
    }

    @Override
    public Pageable withPage(int pageNumber) {
        return new OffsetPage((long) pageNumber * size, size, sort);
    }

    @Override
    public boolean hasPrevious() {
        return offset > 0;
    }
}
