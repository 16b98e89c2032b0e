package dev.reveal.live;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The stream's controller alone, as far as a mock request reaches: the stream itself upgrades the connection to a raw
 * socket, which only a real server does ({@link LiveStreamTest}); what is decided before that is tested here. A bad
 * locale is a 400 problem and a HEAD answers the stream's headers, both without subscribing anyone. (A missing token
 * is the security filters' 401, which this slice leaves out.)
 */
@ControllerSlice(LiveController.class)
class LiveControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LiveHub hub;

    @Test
    void aBadLocaleIs400BeforeAnySubscription() throws Exception {
        mvc.perform(get("/api/v1/stream").param("locale", "Swedish please").accept("text/event-stream"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
        verifyNoInteractions(hub);
    }

    @Test
    void aHeadAnswersTheStreamsHeadersWithoutSubscribing() throws Exception {
        mvc.perform(head("/api/v1/stream").param("locale", "sv-SE"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/event-stream"))
                .andExpect(header().string("Connection", "close"))
                .andExpect(content().bytes(new byte[0]));
        verifyNoInteractions(hub);
    }
}
