package io.guanxi.shared.paging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Declares on a handler method which properties its {@link PageQuery} may sort by. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Sortable {

    String[] value();

    /** {@code property,asc|desc} used when the request names no sort. */
    String defaultSort() default "";

    int defaultSize() default PageQuery.DEFAULT_SIZE;
}
