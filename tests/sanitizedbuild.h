#pragma once
// VIGIL_TEST_SANITIZED is defined in a build under a sanitizer (clang's __has_feature, GCC's
// __SANITIZE_*__), whose runtime runs code slower, keeps freed memory in quarantine and
// places large blocks with its own allocator.

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define VIGIL_TEST_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define VIGIL_TEST_SANITIZED 1
#endif
