using System.Text;
using System.Text.Json;
using InfusionAudit.Application;
using InfusionAudit.Domain.Rems;
using static InfusionAudit.Http.PrintablePage;

namespace InfusionAudit.Http;

/// <summary>
/// The REMS monitoring form as a printable page: plain HTML with one inline style sheet, no script and nothing loaded
/// from elsewhere. Every value from the record is HTML-encoded; numbers and times are shown as in the JSON answer
/// (<see cref="ClinicalPrecision"/>). The form carries no patient reference, and neither does the page.
/// </summary>
public static class RemsFormPage
{
    private const string NotRecorded = "not in the record";

    public static string Render(RemsMonitoringForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var missing = form.Missing.Select(m => m.Field).ToHashSet(StringComparer.Ordinal);
        var html = Begin("REMS Patient Monitoring Form – session " + form.SessionId);
        html.Append("<h1>Esketamine REMS Patient Monitoring Form: content from the session record</h1>\n");
        Table(html, null,
        [
            ("Session", E(form.SessionId)),
            ("Clinic", E(form.ClinicId)),
            ("Protocol", $"{E(form.ProtocolId ?? "")} v{form.ProtocolVersion}"),
            ("Session status", E(form.SessionStatus)),
            ("Form complete", form.Complete ? "yes" : $"no: {form.Missing.Count} field(s) missing, listed below"),
        ]);

        html.Append("<h2>Dose and devices</h2>\n");
        if (form.Devices.Count == 0)
        {
            html.Append("<p class=\"missing\">No device is recorded.</p>\n");
        }
        else
        {
            html.Append("<table><tr><th>Device</th><th>Given at</th><th>Dose (mg)</th><th>Lot number</th></tr>\n");
            for (var i = 0; i < form.Devices.Count; i++)
            {
                var d = form.Devices[i];
                html.Append("<tr><td>").Append(i + 1).Append("</td><td>").Append(Time(d.At)).Append("</td><td>")
                    .Append(Number("doseMg", d.DoseMg)).Append("</td><td>").Append(d.LotNumber is { } lot ? E(lot) : Missing()).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        Table(html, null,
        [
            ("Devices", form.DeviceCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Total dose (mg)", Number("totalDoseMg", form.TotalDoseMg)),
            ("Lot numbers", form.LotNumbers.Count == 0 ? Missing() : E(string.Join(", ", form.LotNumbers))),
        ]);

        html.Append("<h2>Monitoring</h2>\n");
        Table(html, null,
        [
            ("First device given at", form.FirstDeviceAt is { } first ? Time(first) : Missing()),
            ("Monitoring ended at", form.MonitoringEndedAt is { } ended ? Time(ended) : Missing()),
            ("Total monitoring (min)", form.TotalMonitoringMin is { } total ? Number("totalMonitoringMin", total) : Missing()),
            ("Ready to leave at", form.ReadyToLeaveAt is { } ready ? Time(ready) : Missing()),
        ]);

        html.Append("<h2>Blood pressure</h2>\n<table><tr><th>When</th><th>Taken at</th><th>Systolic / diastolic (mmHg)</th><th>Minutes after the first device</th></tr>\n");
        BloodPressure(html, "Before dosing", form.BloodPressureBeforeDosing);
        BloodPressure(html, "About 40 minutes after the first device", form.BloodPressureAt40Minutes);
        BloodPressure(html, "Before discharge", form.BloodPressureBeforeDischarge);
        html.Append("</table>\n");

        html.Append("<h2>Observed during monitoring</h2>\n<table><tr><th>Effect</th><th>Observed</th><th>First reported at</th><th>Worst severity</th></tr>\n");
        Observation(html, "Sedation", form.Sedation);
        Observation(html, "Dissociation", form.Dissociation);
        Observation(html, "Respiratory depression", form.RespiratoryDepression);
        html.Append("</table>\n<p>\"no\": the record holds no report of the effect.</p>\n");

        html.Append("<h2>Concomitant medicine classes (screening)</h2>\n<p>")
            .Append(form.ConcomitantMedicineClasses switch
            {
                null => Missing(),
                [] => "none",
                var classes => E(string.Join(", ", classes.Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.ToString())))),
            })
            .Append("</p>\n");

        html.Append("<h2>Missing from the record</h2>\n");
        if (form.Missing.Count == 0)
        {
            html.Append("<p>Nothing: every field of the form is filled from the record.</p>\n");
        }
        else
        {
            html.Append("<table><tr><th>Field</th><th>Why</th></tr>\n");
            foreach (var m in form.Missing)
            {
                html.Append("<tr><td>").Append(E(m.Field)).Append("</td><td>").Append(E(m.Reason)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        return End(html);
    }

    private static void BloodPressure(StringBuilder html, string label, RemsBloodPressure? bp)
    {
        html.Append("<tr><th>").Append(E(label)).Append("</th>");
        if (bp is null)
        {
            html.Append("<td colspan=\"3\">").Append(Missing()).Append("</td></tr>\n");
            return;
        }

        html.Append("<td>").Append(Time(bp.At)).Append("</td><td>").Append(Number("systolicMmHg", bp.SystolicMmHg)).Append(" / ")
            .Append(Number("diastolicMmHg", bp.DiastolicMmHg)).Append("</td><td>").Append(Number("afterFirstDeviceMin", bp.AfterFirstDeviceMin)).Append("</td></tr>\n");
    }

    private static void Observation(StringBuilder html, string label, RemsObservation observation) =>
        html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(observation.Observed ? "yes" : "no").Append("</td><td>")
            .Append(observation.FirstAt is { } at ? Time(at) : "").Append("</td><td>").Append(E(observation.WorstSeverity ?? "")).Append("</td></tr>\n");

    private static string Missing() => $"<span class=\"missing\">{NotRecorded}</span>";
}
