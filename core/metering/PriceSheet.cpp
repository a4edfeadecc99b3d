#include "metering/PriceSheet.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <cmath>

namespace berth {

namespace {

Error invalid(const QString& field, const QString& message)
{
    return Error(
        ErrorCode::NameInvalid, message,
        QJsonObject{{QStringLiteral("reason"), QStringLiteral("INVALID")}, {QStringLiteral("field"), field}});
}

const char* const NumberFields[] = {"storagePerGbMonth", "egressPerGb", "freeStorageGbMonths",
                                    "freeEgressGb"};

double* numberField(PriceSheet& sheet, const QString& name)
{
    if (name == QLatin1String("storagePerGbMonth"))
        return &sheet.storagePerGbMonth;
    if (name == QLatin1String("egressPerGb"))
        return &sheet.egressPerGb;
    if (name == QLatin1String("freeStorageGbMonths"))
        return &sheet.freeStorageGbMonths;
    if (name == QLatin1String("freeEgressGb"))
        return &sheet.freeEgressGb;
    return nullptr;
}

/// Above this a price or an allowance is surely a typing mistake (and sums stay exact in a double).
constexpr double Ceiling = 1e12;

} // namespace

Result<void> PriceSheet::validate() const
{
    static const QRegularExpression code(QStringLiteral("^[A-Z]{3}$"));
    if (!code.match(currency).hasMatch())
        return invalid(QStringLiteral("currency"),
                       QStringLiteral("The currency \"%1\" is not an ISO 4217 code: use three capital "
                                      "letters such as USD, EUR or GBP.")
                           .arg(currency.left(20)));
    PriceSheet copy = *this;
    for (const char* field : NumberFields) {
        const QString name = QString::fromLatin1(field);
        const double value = *numberField(copy, name);
        if (!std::isfinite(value) || value < 0)
            return invalid(
                name, QStringLiteral("\"%1\" is %2; it must be a number, 0 or more.").arg(name).arg(value));
        if (value > Ceiling)
            return invalid(name, QStringLiteral("\"%1\" is %2, which is too large; it must be at most %3.")
                                     .arg(name)
                                     .arg(value)
                                     .arg(Ceiling));
    }
    return {};
}

QJsonObject PriceSheet::toJson() const
{
    return QJsonObject{{QStringLiteral("currency"), currency},
                       {QStringLiteral("storagePerGbMonth"), storagePerGbMonth},
                       {QStringLiteral("egressPerGb"), egressPerGb},
                       {QStringLiteral("freeStorageGbMonths"), freeStorageGbMonths},
                       {QStringLiteral("freeEgressGb"), freeEgressGb}};
}

Result<PriceSheet> PriceSheet::fromJson(const QJsonObject& json)
{
    return fromJson(json, PriceSheet());
}

Result<PriceSheet> PriceSheet::fromJson(const QJsonObject& json, const PriceSheet& base)
{
    PriceSheet sheet = base;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString& name = it.key();
        if (name == QLatin1String("currency")) {
            if (!it.value().isString())
                return invalid(name, QStringLiteral("\"currency\" must be a string such as \"USD\"."));
            sheet.currency = it.value().toString();
        } else if (double* field = numberField(sheet, name)) {
            if (!it.value().isDouble())
                return invalid(name, QStringLiteral("\"%1\" must be a number, 0 or more.").arg(name));
            *field = it.value().toDouble();
        } else {
            return invalid(name, QStringLiteral("The price sheet has no field \"%1\"; it has currency, "
                                                "storagePerGbMonth, egressPerGb, freeStorageGbMonths and "
                                                "freeEgressGb.")
                                     .arg(name.left(60)));
        }
    }
    if (auto valid = sheet.validate(); !valid)
        return valid.error();
    return sheet;
}

} // namespace berth
