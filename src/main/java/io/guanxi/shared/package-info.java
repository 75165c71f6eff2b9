/**
 * Shared kernel: money, paging, problem details, request context, job locking. Open to every module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN, displayName = "Shared kernel")
package io.guanxi.shared;

import org.springframework.modulith.ApplicationModule;
