using System.Text.Json.Nodes;

namespace InfusionAudit.Testing;

/// <summary>
/// An esketamine session as the REMS Patient Monitoring Form reads it (complete unless told otherwise): the form's own
/// tests and the reports and contract tests that need such a session build it here.
/// </summary>
public static class RemsFormSession
{
    /// <summary>
    /// Screening (benzodiazepine) at -20 min, a pressure at -10, two 28 mg devices with lot LOT-7A at 1 and 6 min, a pressure
    /// at 41 min (40 after the first device) and at 116, dissociation at 20, end at 125, discharge at 126, ready to leave at 124.
    /// </summary>
    public static AuditSession Complete(string clinic, DateTimeOffset start, string? lot = "LOT-7A", bool screening = true, bool discharge = true, bool bpAt40 = true)
    {
        var script = new SessionScript(clinicId: clinic) { Start = start };
        var events = new List<JsonObject>();
        if (screening)
        {
            events.Add(script.Event("ScreeningRecorded", TimeSpan.FromMinutes(-20), new JsonObject
            {
                ["contraindicationsChecked"] = true,
                ["consentObtained"] = true,
                ["concomitantMedicineClasses"] = new JsonArray("benzodiazepine"),
            }));
        }

        events.Add(script.Vitals(TimeSpan.FromMinutes(-10), systolic: 128, diastolic: 82));
        events.Add(script.Event("SessionStarted", TimeSpan.Zero, new JsonObject
        {
            ["patientRef"] = script.PatientRef,
            ["protocolId"] = "esketamine-in-trd",
            ["route"] = "IN",
            ["weightKg"] = 82.5,
            ["prescribedDoseMg"] = 56,
            ["patientAgeYears"] = 44,
        }));
        events.Add(Device(script, 1, lot));
        events.Add(Device(script, 6, lot));
        events.Add(AuditSession.AdverseEffect(script, TimeSpan.FromMinutes(20), "dissociation", "mild"));
        if (bpAt40)
        {
            events.Add(script.Vitals(TimeSpan.FromMinutes(41), systolic: 142, diastolic: 88));
        }

        events.Add(script.Vitals(TimeSpan.FromMinutes(116), systolic: 124, diastolic: 80));
        events.Add(script.Ended(TimeSpan.FromMinutes(125)));
        if (discharge)
        {
            events.Add(script.Event("PatientDischarged", TimeSpan.FromMinutes(126), new JsonObject { ["readyToLeaveAt"] = (start + TimeSpan.FromMinutes(124)).ToString("O") }));
        }

        return new AuditSession(script, events, start.AddMinutes(127));
    }

    private static JsonObject Device(SessionScript script, double minute, string? lot)
    {
        var payload = new JsonObject { ["doseMg"] = 28 };
        if (lot is not null)
        {
            payload["lotNumber"] = lot;
        }

        return script.Event("DoseAdministered", TimeSpan.FromMinutes(minute), payload);
    }
}
