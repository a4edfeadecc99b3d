#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace berth {

/// What storage and egress cost: the registry's price sheet, kept as JSON in registry_settings under the
/// key "pricing" (see PriceSheetStore).
///
/// Units. A GB is 10^9 bytes (SI, as on the price lists; not 2^30). A GB-month is one GB stored for a
/// whole calendar month; storage is charged per GB-month and egress (bytes sent to clients) per GB.
///
/// Defaults are modelled on Oracle Cloud Infrastructure's public list prices for Object Storage, which
/// backs OCI Container Registry (Standard tier USD 0.0255 per GB-month; outbound data transfer USD 0.0085
/// per GB after the first 10 TB a month, which are free; 20 GB of Always Free storage). They are a
/// starting point, not a quote: set your own with `berthctl pricing set` or the console's price sheet.
///
/// The free allowances are for the whole registry and apply once per calendar month (see CostReport for
/// how they are shared out across compartments).
class PriceSheet
{
public:
    static constexpr double BytesPerGb = 1e9;

    QString currency = QStringLiteral("USD"); ///< ISO 4217 code: three capital letters
    double storagePerGbMonth = 0.0255;        ///< price of one GB-month of storage
    double egressPerGb = 0.0085;              ///< price of one GB sent to clients
    double freeStorageGbMonths = 20;          ///< GB-months free each month, registry-wide
    double freeEgressGb = 10000;              ///< GB of egress free each month, registry-wide (10 TB)

    /// When and by whom it was last saved (invalid/empty for the defaults).
    QDateTime updatedAt;
    QString updatedBy;

    static PriceSheet defaults() { return PriceSheet(); }

    /// Nothing when the sheet is usable; otherwise an INVALID error naming the field and what to do.
    Result<void> validate() const;

    /// {"currency", "storagePerGbMonth", "egressPerGb", "freeStorageGbMonths", "freeEgressGb"} (the
    /// stored form; updatedAt/updatedBy are kept in their own columns).
    QJsonObject toJson() const;
    /// Reads the fields present in `json` over `base` (absent fields keep base's value), then validates.
    /// Unknown fields and values of the wrong type are errors.
    static Result<PriceSheet> fromJson(const QJsonObject& json, const PriceSheet& base);
    /// The same over the defaults.
    static Result<PriceSheet> fromJson(const QJsonObject& json);

    friend bool operator==(const PriceSheet& a, const PriceSheet& b)
    {
        return a.currency == b.currency && a.storagePerGbMonth == b.storagePerGbMonth &&
               a.egressPerGb == b.egressPerGb && a.freeStorageGbMonths == b.freeStorageGbMonths &&
               a.freeEgressGb == b.freeEgressGb;
    }
    friend bool operator!=(const PriceSheet& a, const PriceSheet& b) { return !(a == b); }
};

} // namespace berth
