// Secret masking as FORMATS.md describes it, on sample lines and on JSON fields.

#include "samplefiles.h"

#include "models/secrets/secretmasker.h"

#include <QtTest>

using namespace vigil;

class TestSecretMasker : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void textAssignments() {
        const SecretMasker masker;
        const QString line =
            QStringLiteral("2025-11-10 10:20:00 - [shared] - auth.claude - INFO - [auth:verify:31] - Request "
                           "with api_key=sk-9531985d5d9dc9f81818e811892f902b and password=hunter8");
        const QString masked = masker.mask(line);
        QVERIFY(!masked.contains(QStringLiteral("sk-9531")));
        QVERIFY(!masked.contains(QStringLiteral("hunter8")));
        QVERIFY(masked.endsWith(QStringLiteral("api_key=*** and password=***")));
        QCOMPARE(masker.mask(QStringLiteral("ANTHROPIC_API_KEY=sk-ant-123 set")),
                 QStringLiteral("ANTHROPIC_API_KEY=*** set"));
        QCOMPARE(masker.mask(QStringLiteral("Authorization: Bearer eyJhbGciOi.abc")),
                 QStringLiteral("Authorization: Bearer ***"));
        QCOMPARE(masker.mask(QStringLiteral("session_id=abcdef1234567890 done")),
                 QStringLiteral("session_id=abcdef12… done"));
        // Nothing secret: unchanged.
        const QString plain = QStringLiteral("POST /v1/chat/completions - 200 - 1.448s tokens=150");
        QCOMPARE(masker.mask(plain), plain);
    }
    void jsonFields() {
        const SecretMasker masker;
        const QString json = QStringLiteral(
            R"({"user": "ann", "password": "pw1", "access_token": "t0k", "tokens": 150, "api_key": "sk-1", "data": {"session_id": "sess_0123456789", "Authorization": "Basic abc"}})");
        const QString masked = masker.mask(json);
        QVERIFY2(masked.contains(QStringLiteral(R"("password": "***")")), qPrintable(masked));
        QVERIFY(masked.contains(QStringLiteral(R"("access_token": "***")")));
        QVERIFY(masked.contains(QStringLiteral(R"("api_key": "***")")));
        QVERIFY(masked.contains(QStringLiteral(R"("Authorization": "***")")));
        QVERIFY(masked.contains(QStringLiteral(R"("session_id": "sess_012…")")));
        QVERIFY(masked.contains(QStringLiteral(R"("tokens": 150)")));
        QVERIFY(masked.contains(QStringLiteral(R"("user": "ann")")));
        QCOMPARE(masker.maskField(QStringLiteral("extra.password"), QStringLiteral("x")),
                 QStringLiteral("***"));
        QCOMPARE(masker.maskField(QStringLiteral("data.tokens"), QStringLiteral("150")),
                 QStringLiteral("150"));
        QCOMPARE(masker.maskField(QStringLiteral("data.session_id"), QStringLiteral("953f48f1")),
                 QStringLiteral("953f48f1"));
    }
    void quickTestNeverMissesAMask() {
        // The cheap pre-test may say yes too often, never no for text that masking changes.
        const SecretMasker masker;
        int changed = 0;
        for (const QString& line : samples::allLines()) {
            const QByteArray utf8 = line.toUtf8();
            if (masker.mask(line) != line) {
                ++changed;
                QVERIFY2(
                    SecretMasker::mayHoldSecret(std::string_view(utf8.constData(), std::size_t(utf8.size()))),
                    qPrintable(line));
            }
        }
        QVERIFY(changed > 50);
        QVERIFY(!SecretMasker::mayHoldSecret("GET /health - 200 - 0.509s"));
        QVERIFY(SecretMasker::mayHoldSecret("Authorization: BEARER abc"));
    }

    void revealPassesThrough() {
        const SecretMasker masker(true);
        const QString line = QStringLiteral("api_key=sk-1 password=pw");
        QCOMPARE(masker.mask(line), line);
        QCOMPARE(masker.maskField(QStringLiteral("password"), QStringLiteral("pw")), QStringLiteral("pw"));
    }
    void samplesLeakNothing() {
        // Every api_key/password value in the samples is hidden once masked.
        const SecretMasker masker;
        const QRegularExpression secret(QStringLiteral("(api_key|password)=(?!\\*\\*\\*)"));
        int checked = 0;
        for (const QString& line : samples::allLines()) {
            if (!line.contains(QStringLiteral("api_key=")) && !line.contains(QStringLiteral("password=")))
                continue;
            ++checked;
            QVERIFY2(!secret.match(masker.mask(line)).hasMatch(), qPrintable(masker.mask(line)));
        }
        QVERIFY(checked > 10);
    }
};

QTEST_GUILESS_MAIN(TestSecretMasker)
#include "tst_secretmasker.moc"
