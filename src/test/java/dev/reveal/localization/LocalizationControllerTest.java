package dev.reveal.localization;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The localization controller alone: bodies and path keys validated into 400 problems naming the field, the
 * service's refusals as 409 and 422 problems, and the key list's cursor. The service is replaced; its SQL has its
 * own JDBC slice and module test.
 */
@ControllerSlice(LocalizationController.class)
class LocalizationControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private LocalizationService service;

    private static LocalizationKeyView view(String name) {
        return new LocalizationKeyView(UUID.randomUUID(), name, null, Map.of("en", "text of " + name));
    }

    private static final Actor CALLER = new Actor(Actor.Type.PLAYER, ControllerSlice.PLAYER);

    @Test
    void aNewKeyIs201WithItsValues() throws Exception {
        LocalizationKeyRequest request = new LocalizationKeyRequest("market.slice", "d", Map.of("en", "Yes?"));
        given(service.create(eq(request), any())).willReturn(new LocalizationKeyView(UUID.randomUUID(), "market.slice", "d",
                Map.of("en", "Yes?")));

        mvc.perform(post("/admin/v1/localization-keys").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"keyName\":\"market.slice\",\"description\":\"d\",\"values\":{\"en\":\"Yes?\"}}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.keyName").value("market.slice"))
                .andExpect(jsonPath("$.values.en").value("Yes?"));
    }

    @Test
    void aTakenKeyIs409() throws Exception {
        given(service.create(any(), any())).willThrow(Refusal.conflict("LOCALIZATION_KEY_EXISTS", "exists"));

        mvc.perform(post("/admin/v1/localization-keys").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"keyName\":\"market.slice\"}"))
                .andExpect(status().isConflict())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.code").value("LOCALIZATION_KEY_EXISTS"));
    }

    @Test
    void badKeyNamesAndLocalesAre400ProblemsNamingTheFieldAndNeverReachTheService() throws Exception {
        mvc.perform(post("/admin/v1/localization-keys").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"keyName\":\"Not A Key\",\"values\":{\"english\":\"x\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[?(@.field == 'keyName')]").exists())
                .andExpect(jsonPath("$.errors.length()").value(2));
        mvc.perform(put("/admin/v1/localization-keys/{key}", "Not A Key").contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("key"));
        mvc.perform(post("/admin/v1/localization-keys").contentType(MediaType.APPLICATION_JSON).content("{\"keyName\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_BODY"));
        verifyNoInteractions(service);
    }

    @Test
    void anUpsertIs201WhenNew200WhenKnownAnd422WhenTheBodyNamesAnotherKey() throws Exception {
        given(service.upsert(eq("market.new"), any(), eq(CALLER)))
                .willReturn(new LocalizationService.Upserted(view("market.new"), true));
        given(service.upsert(eq("market.old"), any(), eq(CALLER)))
                .willReturn(new LocalizationService.Upserted(view("market.old"), false));
        given(service.upsert(eq("market.other"), any(), any())).willThrow(Refusal.invalidFields(List.of(
                new Refusal.FieldError("keyName", "must match the key in the path or be omitted"))));

        mvc.perform(put("/admin/v1/localization-keys/market.new").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.keyName").value("market.new"));
        mvc.perform(put("/admin/v1/localization-keys/market.old").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.keyName").value("market.old"));
        mvc.perform(put("/admin/v1/localization-keys/market.other").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"keyName\":\"market.x\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("keyName"));
    }

    @Test
    void theListAsksForOneRowMoreAndHandsBackTheLastKeyAsCursor() throws Exception {
        given(service.list(null, 3)).willReturn(List.of(view("a.one"), view("b.two"), view("c.three")));
        given(service.list("b.two", 3)).willReturn(List.of(view("c.three")));

        mvc.perform(get("/admin/v1/localization-keys").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[1].keyName").value("b.two"))
                .andExpect(jsonPath("$.nextCursor").value("b.two"));
        mvc.perform(get("/admin/v1/localization-keys").param("limit", "2").param("cursor", "b.two"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].keyName").value("c.three"))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
        verify(service).list("b.two", 3);
    }

    @Test
    void aLimitOutsideItsRangeIs400NamingTheParameter() throws Exception {
        mvc.perform(get("/admin/v1/localization-keys").param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/admin/v1/localization-keys").param("limit", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        verifyNoInteractions(service);
    }

    @Test
    void anUnknownKeyIs404AndABadLocaleIs400() throws Exception {
        given(service.get("market.none")).willThrow(Refusal.notFound("localization key", "market.none"));
        given(service.bundle("english")).willThrow(Refusal.malformed("INVALID_LOCALE", "bad locale"));

        mvc.perform(get("/admin/v1/localization-keys/market.none"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(get("/api/v1/localizations/english"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_LOCALE"));
    }
}
