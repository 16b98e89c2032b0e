package dev.reveal.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Optional body of publish/cancel/suspend/resume/lock: a reason kept as the audit note. */
@Schema(example = """
        {"reason": "VAR check in progress"}""")
record StatusChangeRequest(@Size(max = 500) String reason) {

    static String reasonOf(StatusChangeRequest request) {
        return request == null ? null : request.reason();
    }
}
