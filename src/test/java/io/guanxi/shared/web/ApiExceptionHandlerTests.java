package io.guanxi.shared.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.Sortable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Web slice: how the shared kernel turns bad input and failures into problem details. */
@WebMvcTest(controllers = ApiExceptionHandlerTests.ProbeController.class)
@Import(ApiExceptionHandlerTests.ProbeController.class)
@WithMockUser
class ApiExceptionHandlerTests {

    @RestController
    static class ProbeController {

        record Order(@NotBlank String item, @Positive int quantity) {}

        @GetMapping("/api/v1/probe")
        @Sortable(value = "item", defaultSort = "item,asc")
        PageQuery page(PageQuery page) {
            return page;
        }

        @PostMapping("/api/v1/probe")
        Order order(@Valid @RequestBody Order order) {
            return order;
        }

        @GetMapping("/api/v1/probe/{id}")
        String find(@PathVariable long id) {
            throw NotFoundException.of("Probe", id);
        }

        @GetMapping("/api/v1/probe/boom")
        String boom() {
            throw new IllegalStateException("secret internal detail");
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void resolvesAValidatedPageQuery() throws Exception {
        mvc.perform(get("/api/v1/probe?page=3&size=50"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(3))
                .andExpect(jsonPath("$.size").value(50))
                .andExpect(jsonPath("$.sort[0].property").value("item"));
        mvc.perform(get("/api/v1/probe?sort=secret"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("sort"));
    }

    @Test
    void listsValidationErrorsByField() throws Exception {
        mvc.perform(post("/api/v1/probe")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"item\":\"\",\"quantity\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2));
    }

    @Test
    void namesTheFieldOfAWrongType() throws Exception {
        mvc.perform(post("/api/v1/probe")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"item\":\"tea\",\"quantity\":\"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("quantity"));
    }

    @Test
    void missingRecordsAreNotFound() throws Exception {
        mvc.perform(get("/api/v1/probe/7"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Probe 7 not found"));
    }

    @Test
    void unexpectedFailuresHideTheirDetails() throws Exception {
        mvc.perform(get("/api/v1/probe/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.status").value(500))
                .andExpect(content().string(not(containsString("secret internal detail"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }

    @Test
    void refusesBodiesOverTheLimitBeforeReadingThem() throws Exception {
        mvc.perform(post("/api/v1/probe")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"item\":\"" + "x".repeat(2_000_000) + "\",\"quantity\":1}"))
                .andExpect(status().isContentTooLarge());
    }
}
