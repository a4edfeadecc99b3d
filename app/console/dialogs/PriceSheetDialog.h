#pragma once

#include "metering/PriceSheet.h"

#include <QDialog>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace berth {

/// Edits the price sheet: currency, storage price per GB-month, egress price per GB and the monthly free
/// allowances. OK is refused (with the reason shown) while the sheet does not validate.
class PriceSheetDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PriceSheetDialog(const PriceSheet& sheet, QWidget* parent = nullptr);

    /// The sheet as edited.
    PriceSheet sheet() const;
    QLineEdit* currencyEdit() const { return m_currency; }
    QDoubleSpinBox* storageEdit() const { return m_storage; }
    QDoubleSpinBox* egressEdit() const { return m_egress; }
    QDoubleSpinBox* freeStorageEdit() const { return m_freeStorage; }
    QDoubleSpinBox* freeEgressEdit() const { return m_freeEgress; }
    QString problemText() const;

    void accept() override;

private:
    QLineEdit* m_currency = nullptr;
    QDoubleSpinBox* m_storage = nullptr;
    QDoubleSpinBox* m_egress = nullptr;
    QDoubleSpinBox* m_freeStorage = nullptr;
    QDoubleSpinBox* m_freeEgress = nullptr;
    QLabel* m_problem = nullptr;
};

} // namespace berth
