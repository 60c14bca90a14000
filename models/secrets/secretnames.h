#pragma once
// Decides from a name alone whether what it names is a secret, for field names, JSON keys
// and `name=value` text alike, so that every output masks the same things. A name is split
// into words (snake_case, kebab-case, camelCase, dotted paths, digits apart) and names a
// secret when its last word is a secret noun, optionally followed only by words that say how
// the secret is written: `DB_PASSWORD`, `client_secret`, `accessToken`, `AWS_SECRET_ACCESS_KEY`,
// `private_key`, `sessionToken`, `passphrase`, `Set-Cookie`, `password_hash`. A name where
// the secret word only qualifies something else is not one: `password_reset_sent`,
// `token_count`, `max_tokens`, `api_key_id`, and a lone `PWD` (a working directory).

#include <string>
#include <string_view>

namespace vigil {

bool isSecretName(std::string_view name);
// session_id, sessionId, session: shown shortened rather than hidden.
bool isSessionName(std::string_view name);
// A JSON key with its \uXXXX escapes decoded ("pass\u0077ord" -> "password"); other
// escapes are kept as they are, which is enough to judge a name.
std::string decodeJsonKey(std::string_view raw);

} // namespace vigil
