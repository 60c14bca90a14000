// The cheap test before masking against the masking itself: an export, the table and the
// notifications skip masking for text the test clears, so a "no" for text that masking
// changes would show a secret. Also, text the test flags masks as mask() would, and text
// that masking changes is flagged with its slashes JSON-escaped too (an export's message).
// Seeds: a line in every form the policy masks (secretmasker.h), one per file.

#include "fuzzseeds.h"

#include "models/secrets/secretmasker.h"

#include <array>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (vigil::fuzz::seedDir().isEmpty()) return 0;
    static constexpr std::array<const char*, 37> lines = {
        R"(login failed password="hunter 2" user=bob)",
        "retry with password='s3 cr3t' now",
        "env DB_PASSWORD=pg-9x DB_HOST=db mysql_pw=x DB_PWD=y",
        "GET /login?user_password=abc123&lang=en client_secret=cs_live_42, client_id=web",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY AWS_REGION=eu",
        "refresh accessToken=eyJ0.abc.def ok",
        "Authorization: Basic dXNlcjpwYXNz",
        "Authorization: Bearer sk-ant:XYZ-123 sent",
        "upstream said bEaReR sk-ant:XYZ was refused",
        "connect https://admin:hunter2@db.example.com:5432/app failed",
        "connect POSTGRES://Admin:Hunter2@DB/app",
        "x\x01\tGET a://u:p\x7f\x01q@h",
        "redis://:pw%40x@cache:6379?db=0",
        "{\"msg\": \"dsn postgres:\\/\\/app:pw@db:5432\\/x\"}",
        "X-Api-Key: abc123 ANTHROPIC_API_KEY=sk-ant-123",
        "Cookie: sid=abc; theme=dark",
        "Set-Cookie: sid=abc; HttpOnly",
        "passphrase=opensesame private_key=MIIEvQIBADANBg sessionToken=st-998877",
        "credentials=[alice, s3cret] loaded password_hash=$2b$12$abc",
        "headers={'Authorization': 'Basic dXNl', 'Cookie': 'a=b; c=d', 'Accept': '*/*'}",
        "{\"message\": \"body={\\\"password\\\": \\\"p1\\\", \\\"user\\\": 1}\"}",
        "session_id=abcdef1234567890 done",
        R"({"accessToken": "a1", "refreshToken": "r1", "user": "ann"})",
        R"({"api_key": ["k1", "k2"], "password": {"value": "p1", "n": [1]}, "n": 1})",
        "{\"\\u0070assword\": \"p1\", \"pass\\u0077ord\": \"p2\", \"\\u0053ECRET\": 3}",
        R"({"pin_secret": 123456, "cookie": "c=1", "credentials": {"user": "u"}})",
        R"({"data": {"Authorization": "Basic abc", "session_id": "sess_0123456789"}})",
        "password_reset_sent=true tokens=150 max_tokens=4096 PWD=/home/app",
        "see https://example.com/docs@v2 and https://bob@example.com/ or ann@example.com",
        "GET /api/v1/items?page=2 HTTP/1.1 200 https://cdn.example.com/a.js",
        "2024-05-01T10:00:00Z INFO worker started pid=4242",
        "{\"msg\": \"connecting to https:\\/\\/u:pw\\u0040host/db\"}",
        "{\"auth\": \"\\u0062earer tok\", \"session\\u005fid\": \"abcdefgh12345\"}",
        "{\"msg\": \"login password:\\tpw refused\"}",
        "soap <ns:password type=\"x\">pw</ns:password> and <token/>",
        "ran mysql --password pw -h db; curl -u admin:pw https://api --user a:b",
        "GET /cb?h=Bearer%20tok&x=1 and Bearer+tok2",
    };
    int n = 0;
    for (const char* line : lines)
        vigil::fuzz::writeSeed(QStringLiteral("secret-%1").arg(n++), QByteArray(line));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const vigil::SecretMasker masker;
    const bool flagged = vigil::SecretMasker::mayHoldSecret(input);
    const std::string masked = masker.maskFlagged(input);
    if (masked != input && !flagged) std::abort(); // a secret the pre-test lets through
    if (flagged && masker.mask(input) != masked) std::abort();
    // An export tests a JSON line as written and masks its decoded message: text that masking
    // changes stays flagged with its slashes escaped ("\/").
    if (masked != input) {
        std::string escaped;
        for (const char c : input)
            escaped.append(c == '/' ? "\\/" : std::string_view(&c, 1));
        if (!vigil::SecretMasker::mayHoldSecret(escaped)) std::abort();
    }
    return 0;
}
