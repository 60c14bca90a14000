#pragma once
// Text from logs on its way to a terminal, a notification, a webhook or a command line:
// on one line, with control characters shown as escapes, and with secrets masked whatever
// the window's reveal choice. An instance name read from a log line such as
// {"service": "x\n[CRITICAL] forged line\u001b[2J"} must not forge output lines or drive
// the terminal, and an "api_key=..." inside it must not leave the machine.

#include <QString>

#include <string_view>

namespace vigil {

class SecretMasker;

// \n \r \t as such, other C0 and C1 controls and DEL as \xNN, line and paragraph separators
// and bidirectional overrides (which reorder what a terminal shows) as \uNNNN.
QString escapeControls(const QString& text);

// Masked by the one policy (never revealed), then escaped.
QString shownLogValue(const QString& text);
// Masked as `masker` masks (the window may reveal), then escaped: names read from logs
// (instance, logger, endpoint) in the window and in exports.
QString shownLogValue(const QString& text, const SecretMasker& masker);
QString shownLogValue(std::string_view utf8, const SecretMasker& masker);

// For a desktop notification, whose body many notification servers read as markup: an
// instance named "<img src=http://host/x>" would otherwise make them fetch that address
// or show a link. The three markup characters become look-alikes (‹ › ＆) rather than
// entities, which servers without markup would show as written.
QString notificationText(const QString& text);

} // namespace vigil
