#include "metering/PriceSheetStore.h"

#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace berth {

Result<PriceSheet> PriceSheetStore::load() const
{
    auto q = m_metadata.exec(
        QStringLiteral("SELECT value, updated_at, updated_by FROM registry_settings WHERE key = ?"),
        {QString::fromLatin1(SettingsKey)});
    if (!q)
        return q.error();
    if (!q->next())
        return PriceSheet::defaults();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(q->value(0).toString().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error(ErrorCode::Internal,
                     QStringLiteral("The stored price sheet is not a JSON object (%1); save a new one with "
                                    "`berthctl pricing set` or the console.")
                         .arg(parseError.errorString()));
    // Fields missing from an older value take the defaults.
    auto sheet = PriceSheet::fromJson(document.object(), PriceSheet::defaults());
    if (!sheet)
        return Error(ErrorCode::Internal, QStringLiteral("The stored price sheet is not valid: %1 Save a new "
                                                         "one with `berthctl pricing set` or the console.")
                                              .arg(sheet.error().message));
    sheet->updatedAt = StoredTime::fromColumn(q->value(1));
    sheet->updatedBy = q->value(2).toString();
    return sheet;
}

Result<PriceSheet> PriceSheetStore::save(PriceSheet sheet, const QString& actor, const QDateTime& now)
{
    if (auto valid = sheet.validate(); !valid)
        return valid.error();
    sheet.updatedAt = now.toUTC();
    sheet.updatedBy = actor;
    const QString value = QString::fromUtf8(QJsonDocument(sheet.toJson()).toJson(QJsonDocument::Compact));
    auto written = m_metadata.transaction([&]() -> Result<void> {
        auto q = m_metadata.exec(
            QStringLiteral(
                "INSERT INTO registry_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by"),
            {QString::fromLatin1(SettingsKey), value, StoredTime::toColumn(sheet.updatedAt), actor});
        if (!q)
            return q.error();
        return {};
    });
    if (!written)
        return written.error();
    // What was stored, as load() reads it back (milliseconds).
    sheet.updatedAt = StoredTime::fromColumn(StoredTime::toColumn(sheet.updatedAt));
    return sheet;
}

} // namespace berth
