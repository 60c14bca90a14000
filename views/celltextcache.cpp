#include "celltextcache.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QRect>

#include <cmath>

namespace vigil {

namespace {
// Whether the style lays `text` out as one left-to-right line in `font` alone: QStyledItemDelegate
// turns line breaks into line separators (the style draws more lines), right-to-left text is
// elided on other characters than QFontMetrics cuts, and a character the font lacks comes
// from a fallback font, which the style elides and places otherwise.
bool oneLineInFont(const QFontMetricsF& metrics, const QString& text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() < 0x80) continue; // ASCII: left to right, in every text font
        if (c == QChar::LineSeparator) return false;
        switch (c.direction()) {
        case QChar::DirR:
        case QChar::DirAL:
        case QChar::DirRLE:
        case QChar::DirRLO:
        case QChar::DirRLI:
            return false;
        default:
            break;
        }
        char32_t code = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            code = QChar::surrogateToUcs4(c, text.at(++i));
        if (!metrics.inFontUcs4(code)) return false;
    }
    return true;
}
} // namespace

const CellTextCache::Line* CellTextCache::line(const QString& text, const QFont& font, int width,
                                               Qt::TextElideMode elide) {
    Key key{text, font, width, elide};
    auto it = m_entries.constFind(key);
    if (it == m_entries.constEnd()) {
        if (m_entries.size() >= kMaxEntries) m_entries.clear();
        const QFontMetricsF metrics(font);
        Line line;
        line.font = font;
        line.drawable = oneLineInFont(metrics, text);
        if (line.drawable) {
            line.text = QStaticText(metrics.elidedText(text, elide, width));
            line.text.setTextFormat(Qt::PlainText);
            line.text.prepare(QTransform(), font);
            line.width = line.text.size().width();
            line.height = std::ceil(metrics.height()); // as QTextLine::height()
        }
        it = m_entries.insert(std::move(key), std::move(line));
    }
    return it->drawable ? &*it : nullptr;
}

void CellTextCache::draw(QPainter* painter, const QRect& textRect, const Line& line, Qt::Alignment alignment,
                         int margin) {
    const QRect area = textRect.adjusted(margin, 0, -margin, 0);
    // As QCommonStyle places a one-line layout: the line's box aligned in whole pixels
    // (QStyle::alignedRect), the text aligned within the line's width.
    qreal x = area.left();
    if (alignment & Qt::AlignRight)
        x = area.left() + area.width() - line.width;
    else if (alignment & Qt::AlignHCenter)
        x = area.left() + (area.width() - line.width) / 2;
    int y = area.top();
    const int lineHeight = int(line.height);
    if (alignment & Qt::AlignVCenter)
        y += area.height() / 2 - lineHeight / 2; // as alignedRect rounds
    else if (alignment & Qt::AlignBottom)
        y += area.height() - lineHeight;
    painter->setFont(line.font);
    // The style clips the cell: a line taller than the row, or one character wider than a
    // narrow column (elision keeps at least one), must not spill into the next cell.
    if (line.width > area.width() || lineHeight > area.height())
        painter->setClipRect(textRect, Qt::IntersectClip);
    painter->drawStaticText(QPointF(x, y), line.text);
}

} // namespace vigil
