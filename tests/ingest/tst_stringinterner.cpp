// The interner gives each distinct string one id, whatever order strings come back in: its
// memory of recent strings (slots chosen by length and end bytes) only points at a candidate,
// so strings that share a slot, such as "req-0042" and "req-1832", never take each other's id.
#include "models/store/stringinterner.h"

#include <QtTest>

#include <string>
#include <unordered_map>
#include <vector>

using namespace vigil;

class TstStringInterner : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void idsMatchFirstSeenOrderOverTheSampleLogs();
    void stringsSharingASlotKeepTheirOwnIds();
    void emptyStringIsIdZero();
};

namespace {
// Checks every string against a plain map that numbers strings in first-seen order.
void internAndCompare(const std::vector<std::string>& words) {
    StringInterner interner;
    std::unordered_map<std::string, std::uint32_t> expected{{std::string(), 0}};
    for (const std::string& w : words) {
        const auto [it, added] = expected.emplace(w, std::uint32_t(expected.size()));
        Q_UNUSED(added);
        const std::uint32_t id = interner.intern(w);
        QCOMPARE(id, it->second);
        QCOMPARE(interner.text(id), std::string_view(w));
    }
    QCOMPARE(std::size_t(interner.size()), expected.size());
    for (const auto& [word, id] : expected)
        QCOMPARE(interner.find(word), id);
}
} // namespace

void TstStringInterner::idsMatchFirstSeenOrderOverTheSampleLogs() {
    // Every word of the sample deployment, in order: loggers, instances, levels and message
    // words recur in the interleaved way a scan meets them.
    std::vector<std::string> words;
    QDirIterator files(QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment"), QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        for (const QByteArray& word : file.readAll().simplified().split(' '))
            words.push_back(word.toStdString());
    }
    QVERIFY(words.size() > 10000);
    internAndCompare(words);
}

void TstStringInterner::stringsSharingASlotKeepTheirOwnIds() {
    // Same length, same first and last byte: one slot for all of them, visited in turns.
    std::vector<std::string> words;
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < 200; ++i)
            words.push_back("req-" + std::to_string(1000 + (i * 37) % 200) + "2");
    internAndCompare(words);
}

void TstStringInterner::emptyStringIsIdZero() {
    StringInterner interner;
    QCOMPARE(interner.intern("x"), 1u);
    QCOMPARE(interner.intern(std::string_view()), 0u);
    QCOMPARE(interner.intern(""), 0u);
    QCOMPARE(interner.intern("x"), 1u);
    QCOMPARE(interner.size(), 2u);
}

QTEST_GUILESS_MAIN(TstStringInterner)
#include "tst_stringinterner.moc"
