// The Rules dialog: loads the rules, flags problems as they are typed (which rule and
// field), keeps Save disabled until they are fixed, and writes a file that reads back.

#include "views/alerts/rulesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

class TestRulesDialog : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void validatesAndSaves();
};

void TestRulesDialog::validatesAndSaves() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rules.json"));
    RulesDocument d;
    d.rules = defaultAlertRules();
    RulesDialog dialog(d, path);
    QTableWidget* table = dialog.table();
    QCOMPARE(table->rowCount(), int(d.rules.size()));
    QVERIFY(dialog.problems().isEmpty());
    QVERIFY(dialog.saveButton()->isEnabled());

    // Row 3 is error-rate: warning 5, critical 10. Make the warning larger than critical.
    QCOMPARE(table->item(2, 1)->text(), QStringLiteral("error-rate"));
    table->item(2, 6)->setText(QStringLiteral("20"));
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY2(dialog.problemsLabel()->text().contains(
                 QLatin1String("rule 3 (\"error-rate\"), warning: 20 is above critical 10")),
             qPrintable(dialog.problemsLabel()->text()));
    table->item(2, 6)->setText(QStringLiteral("abc"));
    QVERIFY2(dialog.problemsLabel()->text().contains(
                 QLatin1String("rule 3 (\"error-rate\"), warning: \"abc\" is not a number")),
             qPrintable(dialog.problemsLabel()->text()));
    table->item(2, 6)->setText(QStringLiteral("7.5"));
    QVERIFY(dialog.saveButton()->isEnabled());

    // A list scope, another metric, a new rule with a duplicate id.
    table->item(0, 4)->setText(QStringLiteral("eco-backend, local-llm"));
    auto* metric = qobject_cast<QComboBox*>(table->cellWidget(0, 3));
    QVERIFY(metric);
    metric->setCurrentIndex(metric->findData(QStringLiteral("p95")));
    AlertRule extra;
    extra.id = QStringLiteral("error-rate");
    extra.warning = 1;
    dialog.addRule(extra);
    table->item(table->rowCount() - 1, 2)->setText(QStringLiteral("x")); // triggers validation
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY2(dialog.problemsLabel()->text().contains(QLatin1String("is used by an earlier rule")),
             qPrintable(dialog.problemsLabel()->text()));
    table->item(table->rowCount() - 1, 1)->setText(QStringLiteral("extra"));
    QVERIFY(dialog.saveButton()->isEnabled());

    // Webhook on without a URL is refused.
    dialog.findChildren<QCheckBox*>().at(0)->setChecked(true);
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY(dialog.problemsLabel()->text().contains(QLatin1String("actions.webhook.url")));
    dialog.findChildren<QLineEdit*>().at(0)->setText(QStringLiteral("https://hooks.example.com/T1"));
    QVERIFY2(dialog.saveButton()->isEnabled(), qPrintable(dialog.problemsLabel()->text()));

    dialog.saveButton()->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const RulesParseResult saved = loadRulesFile(path, false);
    QVERIFY2(saved.ok(), qPrintable(saved.errors.join('\n')));
    QCOMPARE(saved.document.rules.size(), d.rules.size() + 1);
    QCOMPARE(*saved.document.rules[2].warning, 7.5);
    QCOMPARE(saved.document.rules[0].metric, AlertMetric::P95);
    QCOMPARE(saved.document.rules[0].scope, ScopeKind::List);
    QCOMPARE(saved.document.rules[0].instances,
             (QStringList{QStringLiteral("eco-backend"), QStringLiteral("local-llm")}));
    QCOMPARE(saved.document.rules.back().id, QStringLiteral("extra"));
    QVERIFY(saved.document.actions.webhook.enabled);
    QCOMPARE(saved.document.actions.webhook.url, QStringLiteral("https://hooks.example.com/T1"));
}

QTEST_MAIN(TestRulesDialog)
#include "tst_rulesdialog.moc"
