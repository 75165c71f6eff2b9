package io.guanxi.shared.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.shared.InvalidRequestException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageQueryTests {

    @Sortable(
            value = {"name", "createdAt"},
            defaultSort = "createdAt,desc",
            defaultSize = 25)
    void endpoint() {}

    private static Sortable sortable() throws NoSuchMethodException {
        Method method = PageQueryTests.class.getDeclaredMethod("endpoint");
        return method.getAnnotation(Sortable.class);
    }

    @Test
    void usesTheEndpointDefaults() throws Exception {
        PageQuery query = PageQuery.parse(null, null, List.of(), sortable());
        assertThat(query.page()).isZero();
        assertThat(query.size()).isEqualTo(25);
        assertThat(query.sort()).containsExactly(new PageQuery.SortOrder("createdAt", false));
    }

    @Test
    void buildsOrderByOnlyFromDeclaredColumns() throws Exception {
        PageQuery query = PageQuery.parse("2", "10", List.of("name,asc", "createdAt,desc"), sortable());
        String sql = query.orderBy(Map.of("name", "display_name", "createdAt", "created_at"), "id");
        assertThat(sql).isEqualTo(" ORDER BY display_name ASC, created_at DESC, id LIMIT 10 OFFSET 20");
    }

    @Test
    void rejectsSortingByUndeclaredProperties() {
        assertThatThrownBy(() -> PageQuery.parse("0", "10", List.of("password_hash; drop table x"), sortable()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).fieldProblems())
                        .extracting(InvalidRequestException.FieldProblem::field)
                        .containsExactly("sort"));
    }

    @Test
    void rejectsBadPageAndSize() {
        assertThatThrownBy(() -> PageQuery.parse("-1", "10", List.of(), sortable()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("page");
        assertThatThrownBy(() -> PageQuery.parse("0", "0", List.of(), sortable()))
                .hasMessageContaining("size");
        assertThatThrownBy(() -> PageQuery.parse("0", "201", List.of(), sortable()))
                .hasMessageContaining("size");
        assertThatThrownBy(() -> PageQuery.parse("x", "10", List.of(), sortable()))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> PageQuery.parse("0", "10", List.of("name,sideways"), sortable()))
                .hasMessageContaining("asc or desc");
    }

    @Test
    void pageResultCountsPages() {
        PageResult<String> result = PageResult.of(List.of("a", "b"), new PageQuery(1, 2, List.of()), 5);
        assertThat(result.totalPages()).isEqualTo(3);
        assertThat(result.hasNext()).isTrue();
        assertThat(result.hasPrevious()).isTrue();
        assertThat(result.map(String::toUpperCase).content()).containsExactly("A", "B");
    }
}
