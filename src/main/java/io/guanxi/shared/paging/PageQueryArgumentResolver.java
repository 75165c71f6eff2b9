package io.guanxi.shared.paging;

import java.util.Arrays;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Builds a validated {@link PageQuery} from {@code page}, {@code size} and {@code sort} parameters. */
public class PageQueryArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(PageQuery.class);
    }

    @Override
    public PageQuery resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        String[] sorts = request.getParameterValues("sort");
        return PageQuery.parse(
                request.getParameter("page"),
                request.getParameter("size"),
                sorts == null ? List.of() : Arrays.asList(sorts),
                parameter.getMethodAnnotation(Sortable.class));
    }
}
