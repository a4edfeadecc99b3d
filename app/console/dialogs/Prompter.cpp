#include "dialogs/Prompter.h"

#include "dialogs/CompartmentCombo.h"
#include "dialogs/ExportDialog.h"
#include "dialogs/GcDialog.h"
#include "dialogs/LicenceAcceptDialog.h"
#include "dialogs/NameDialog.h"
#include "oci/Names.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QVBoxLayout>

namespace berth {

std::optional<Prompter::NewCompartment>
DialogPrompter::askNewCompartment(QWidget* parent, const QList<CompartmentPath>& compartments,
                                  const CompartmentPath& suggestedParent)
{
    NameDialog::Fields fields;
    fields.title = tr("Create compartment");
    fields.nameLabel = tr("Name:");
    fields.placeholder = tr("letters, digits, - _ .");
    fields.withDescription = true;
    fields.compartmentLabel = tr("Inside:");
    fields.compartments = compartments;
    fields.compartment = suggestedParent;
    fields.problem = [](const QString& name) { return CompartmentPath::nameProblem(name); };
    NameDialog dialog(fields, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return NewCompartment{dialog.compartment(), dialog.name(), dialog.description()};
}

std::optional<QString> DialogPrompter::askCompartmentName(QWidget* parent, const CompartmentPath& compartment)
{
    NameDialog::Fields fields;
    fields.title = tr("Rename compartment");
    fields.nameLabel = tr("New name:");
    fields.initialName = compartment.name();
    fields.problem = [](const QString& name) { return CompartmentPath::nameProblem(name); };
    NameDialog dialog(fields, parent);
    if (dialog.exec() != QDialog::Accepted || dialog.name() == compartment.name())
        return std::nullopt;
    return dialog.name();
}

std::optional<CompartmentPath> DialogPrompter::askCompartment(QWidget* parent, const QString& title,
                                                              const QString& text,
                                                              const QList<CompartmentPath>& compartments,
                                                              const CompartmentPath& current)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* label = new QLabel(text, &dialog);
    label->setWordWrap(true);
    auto* combo = new CompartmentCombo(&dialog);
    combo->setCompartments(compartments);
    combo->setCurrentCompartment(current);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(label);
    layout->addWidget(combo);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted || combo->currentCompartment() == current)
        return std::nullopt;
    return combo->currentCompartment();
}

std::optional<Prompter::NewRepository>
DialogPrompter::askNewRepository(QWidget* parent, const QList<CompartmentPath>& compartments,
                                 const CompartmentPath& suggestedCompartment)
{
    NameDialog::Fields fields;
    fields.title = tr("Create repository");
    fields.nameLabel = tr("Name:");
    fields.placeholder = tr("team/app");
    fields.compartmentLabel = tr("Compartment:");
    fields.compartments = compartments;
    fields.compartment = suggestedCompartment;
    fields.problem = [](const QString& name) -> QString {
        return Names::isValidRepositoryName(name)
                   ? QString()
                   : DialogPrompter::tr(
                         "Use lowercase letters, digits and the separators . _ - and /, starting and ending "
                         "with a letter or digit (for example team/app).");
    };
    NameDialog dialog(fields, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return NewRepository{dialog.name(), dialog.compartment()};
}

bool DialogPrompter::confirm(QWidget* parent, const QString& title, const QString& text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Yes;
}

QStringList DialogPrompter::askImportFiles(QWidget* parent)
{
    return QFileDialog::getOpenFileNames(parent, tr("Import images"), QString(),
                                         tr("Image archives and Helm charts (*.tar *.tar.gz *.tgz *.tar.zst "
                                            "*.tar.xz *.tar.bz2);;All files (*)"));
}

std::optional<Prompter::ExportChoice> DialogPrompter::askExport(QWidget* parent, const QString& what,
                                                                const QString& suggestedName)
{
    ExportDialog dialog(what, suggestedName, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return ExportChoice{dialog.format(), dialog.path()};
}

void DialogPrompter::showError(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox::warning(parent, title, text);
}

std::optional<GcOptions> DialogPrompter::askGarbageCollection(QWidget* parent, GcBrowser& browser)
{
    GcDialog dialog(browser, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.options();
}

bool DialogPrompter::acceptLicence(QWidget* parent, const QString& repository, const Licence& licence)
{
    LicenceAcceptDialog dialog(repository, licence, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace berth
