#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace berth::test {

/// One <message> of a Qt Linguist .ts file.
struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    /// The translation's type attribute ("" when finished, "unfinished", "vanished", "obsolete").
    QString type;
    /// The translation, or its numerus forms in order.
    QStringList translations;

    /// "Context / source" for failure messages.
    QString describe() const;
};

/// The messages of a .ts file and its language attribute.
struct TsFile
{
    QString language;
    QList<TsMessage> messages;

    /// Reads `path`; on failure returns false and says why in `error`.
    bool read(const QString& path, QString* error);
};

/// The placeholders (%1 … %99, %n, %L1) in `text`, sorted and without repeats.
QStringList placeholdersIn(const QString& text);

/// How many keyboard accelerators (&x, not && and not XML/HTML entities such as &amp;) `text` has.
int acceleratorCount(const QString& text);

/// The accelerator letter of `text` in lower case, or a null QChar when it has none.
QChar acceleratorOf(const QString& text);

} // namespace berth::test
