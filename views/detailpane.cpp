#include "detailpane.h"

#include "models/logtablemodel.h"
#include "models/query/entrydetail.h"
#include "models/secrets/safetext.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace vigil {

namespace {
QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

DetailPane::DetailPane(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Long instance or logger names wrap instead of widening the window.
    m_header->setWordWrap(true);
    m_header->setMinimumWidth(80);
    top->addWidget(m_header, 1);
    m_copyText = new QPushButton(tr("Copy text"), this);
    m_copyJson = new QPushButton(tr("Copy JSON"), this);
    m_context = new QPushButton(tr("Show in context"), this);
    m_context->setToolTip(tr("Show the entries around this one in its file"));
    for (QPushButton* b : {m_copyText, m_copyJson, m_context}) {
        b->setEnabled(false);
        top->addWidget(b);
    }
    layout->addLayout(top);
    m_ids = new QLabel(this);
    m_ids->setObjectName(QStringLiteral("correlationIds"));
    m_ids->setTextFormat(Qt::RichText);
    m_ids->setToolTip(tr("Click an id to follow it across every instance"));
    m_ids->setWordWrap(true);
    connect(m_ids, &QLabel::linkActivated, this, [this](const QString& link) {
        const QUrl url(link);
        Q_EMIT correlationIdClicked(url.host().isEmpty() ? url.path() : url.host(),
                                    url.fragment(QUrl::FullyDecoded));
    });
    layout->addWidget(m_ids);

    auto* split = new QSplitter(Qt::Horizontal, this);
    m_text = new QTextBrowser(split);
    m_text->setLineWrapMode(QTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fields = new QTableWidget(0, 2, split);
    m_fields->setHorizontalHeaderLabels({tr("Field"), tr("Value")});
    m_fields->verticalHeader()->setVisible(false);
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_fields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fields->setWordWrap(false);
    m_text->setMinimumHeight(32);
    m_fields->setMinimumHeight(32);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_copyText, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(entryAsText()); });
    connect(m_copyJson, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(entryAsJson()); });
    connect(m_context, &QPushButton::clicked, this, [this] {
        if (m_hasEntry) Q_EMIT showInContext(m_entry);
    });
    clearEntry();
}

void DetailPane::clearEntry() {
    m_hasEntry = false;
    m_header->setText(tr("<i>Select an entry to see all of it</i>"));
    m_ids->clear();
    m_ids->setVisible(false);
    m_text->clear();
    m_fields->setRowCount(0);
    for (QPushButton* b : {m_copyText, m_copyJson, m_context})
        b->setEnabled(false);
}

void DetailPane::showEntry(EntryIndex entry) {
    if (!m_model || !m_model->store().contains(entry)) {
        clearEntry();
        return;
    }
    m_entry = entry;
    m_hasEntry = true;
    const EntryStore& store = m_model->store();
    const SecretMasker& masker = m_model->masker();
    const SourceInfo& source = store.sources()[store.file(entry)];
    const EntryDetail detail = readEntryDetail(store, entry, masker);
    const auto level = levelName(store.level(entry));
    m_header->setText(
        QStringLiteral("<b>%1</b> &nbsp; %2 &nbsp; <b>%3</b> &nbsp; <span style='color:gray'>%4 · %5</span>")
            .arg(m_model->formatTime(store.timeUs(entry)).toHtmlEscaped(),
                 shownLogValue(store.instances().label(store.instance(entry).value), masker).toHtmlEscaped(),
                 level.empty() ? tr("(raw)") : qs(level), source.relativePath.toHtmlEscaped(),
                 detail.formatName.toHtmlEscaped()));

    const FieldList& fields = detail.fields;
    m_text->setPlainText(detail.shownText);
    applyHighlight();

    m_fields->setRowCount(int(fields.size()));
    QStringList links;
    for (int r = 0; r < int(fields.size()); ++r) {
        const QString name = qs(fields[std::size_t(r)].first), value = qs(fields[std::size_t(r)].second);
        m_fields->setItem(r, 0, new QTableWidgetItem(name));
        m_fields->setItem(r, 1, new QTableWidgetItem(masker.maskField(name, value)));
        if (EntryReader::isCorrelationName(lastPathPart(fields[std::size_t(r)].first)) && !value.isEmpty()) {
            QUrl url;
            url.setScheme(QStringLiteral("id"));
            url.setPath(name);
            url.setFragment(value);
            links << QStringLiteral("%1: <a href=\"%2\">%3</a>")
                         .arg(name.toHtmlEscaped(), url.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                              masker.maskField(name, value).toHtmlEscaped());
        }
    }
    m_fields->resizeColumnToContents(0);
    m_ids->setText(links.join(QStringLiteral(" &nbsp; ")));
    m_ids->setVisible(!links.isEmpty());
    for (QPushButton* b : {m_copyText, m_copyJson, m_context})
        b->setEnabled(true);
}

void DetailPane::setHighlight(const QRegularExpression& pattern) {
    m_highlight = pattern;
    applyHighlight();
}

void DetailPane::applyHighlight() {
    QList<QTextEdit::ExtraSelection> marks;
    if (m_highlight.isValid() && !m_highlight.pattern().isEmpty()) {
        QTextCharFormat format;
        format.setBackground(QColor(0xff, 0xd8, 0x30, 170));
        QTextCursor cursor(m_text->document());
        while (marks.size() < 500) {
            cursor = m_text->document()->find(m_highlight, cursor);
            if (cursor.isNull() || !cursor.hasSelection()) break;
            marks.append({cursor, format});
        }
    }
    m_text->setExtraSelections(marks);
}

QString DetailPane::entryAsText() const {
    return m_hasEntry ? m_model->entryText(m_entry) : QString();
}

QString DetailPane::entryAsJson() const {
    if (!m_hasEntry) return {};
    const EntryStore& store = m_model->store();
    const SecretMasker& masker = m_model->masker();
    QJsonObject fields;
    for (const auto& [name, value] : readEntryDetail(store, m_entry, masker).fields)
        fields.insert(qs(name), masker.maskField(qs(name), qs(value)));
    QJsonObject o;
    o.insert(QStringLiteral("time"), m_model->formatTime(store.timeUs(m_entry)));
    o.insert(QStringLiteral("instance"), masker.mask(store.instances().label(store.instance(m_entry).value)));
    o.insert(QStringLiteral("level"), qs(levelName(store.level(m_entry))));
    o.insert(QStringLiteral("file"), store.sources()[store.file(m_entry)].relativePath);
    o.insert(QStringLiteral("text"), m_model->entryText(m_entry));
    o.insert(QStringLiteral("fields"), fields);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

} // namespace vigil
