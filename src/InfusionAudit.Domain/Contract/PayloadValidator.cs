using System.Text.Json;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Contract;

/// <summary>The payload rules of each event type (contract table "Event types and payloads"), fields in contract order.</summary>
internal static class PayloadValidator
{
    /// <summary>
    /// Upper bound of <c>plannedDurationMin</c>: the contract only says "&gt; 0"; 1e9 minutes (about 1,900 years) keeps
    /// every accepted value representable as a <see cref="TimeSpan"/>, whose limit is about 1.5e10 minutes.
    /// </summary>
    internal const double MaxPlannedDurationMinutes = 1e9;

    private const string PayloadField = "payload";

    /// <summary>
    /// Lower bounds of the fields that delivered mg/kg, millilitres and percent of prescribed are divided by (1 g of
    /// body weight, 1 ng/kg or 1 ng prescribed, 1 ng/mL): far below anything real, and high enough that every
    /// derived figure of a session made of representable maxima stays finite.
    /// </summary>
    internal const double MinWeightKg = 0.001;

    internal const double MinPrescribedDose = 1e-6;

    internal const double MinConcentrationMgPerMl = 1e-6;

    private static readonly NumberRule WeightKg = NumberRule.Divisor(MinWeightKg, BodyWeight.MaxValue.Kilograms);
    private static readonly NumberRule DoseMgPerKg = NumberRule.Divisor(MinPrescribedDose, WeightBasedDose.MaxValue.MilligramsPerKilogram);
    private static readonly NumberRule PrescribedDoseMg = NumberRule.Divisor(MinPrescribedDose, Dose.MaxValue.Milligrams);
    private static readonly NumberRule DoseMg = NumberRule.Positive(Dose.MaxValue.Milligrams);
    private static readonly NumberRule DurationMin = NumberRule.Positive(MaxPlannedDurationMinutes);
    private static readonly NumberRule ConcentrationMgPerMl = NumberRule.Divisor(MinConcentrationMgPerMl, Concentration.MaxValue.MilligramsPerMillilitre);
    private static readonly NumberRule RateMlPerHour = NumberRule.NonNegative(VolumeRate.MaxValue.MillilitresPerHour);
    private static readonly NumberRule RateMgPerKgPerHour = NumberRule.NonNegative(WeightBasedDoseRate.MaxValue.MilligramsPerKilogramPerHour);
    private static readonly NumberRule VolumeMl = NumberRule.NonNegative(Volume.MaxValue.Millilitres);
    private static readonly IntegerRule AgeYears = new(0, 150);
    private static readonly IntegerRule CadssScore = new(0, 92);

    private static readonly EnumNames<Route> Routes = new(EnumNames<Route>.AsIs);
    private static readonly EnumNames<AdverseEffect> Effects = new(EnumNames<AdverseEffect>.CamelCase);
    private static readonly EnumNames<AdverseEffectSeverity> Severities = new(EnumNames<AdverseEffectSeverity>.CamelCase);
    private static readonly EnumNames<SessionEndReason> EndReasons = new(EnumNames<SessionEndReason>.CamelCase);
    private static readonly EnumNames<MedicineClass> MedicineClasses = new(EnumNames<MedicineClass>.CamelCase);

    /// <summary>At most this many contraindications or medicine classes in one screening (contract 1.1).</summary>
    internal const int MaxScreeningItems = 32;

    /// <summary>Longest <c>lotNumber</c> (contract 1.1): manufacturers' lot numbers are short codes.</summary>
    internal const int MaxLotNumberLength = 64;

    private static readonly FieldNameTable SessionStartedFields = new(
        "payload.", "patientRef", "protocolId", "route", "weightKg", "prescribedDoseMgPerKg", "prescribedDoseMg",
        "plannedDurationMin", "concentrationMgPerMl", "patientAgeYears");

    private static readonly FieldNameTable RateFields = new("payload.", "rateMlPerHour", "rateMgPerKgPerHour");
    private static readonly FieldNameTable PausedFields = new("payload.", "reason");
    private static readonly FieldNameTable NoFields = new("payload.");
    private static readonly FieldNameTable DoseFields = new("payload.", "doseMg", "lotNumber");
    private static readonly FieldNameTable PumpTotalFields = new("payload.", "volumeInfusedMl");

    private static readonly FieldNameTable VitalsFields = new(
        "payload.", "heartRateBpm", "systolicMmHg", "diastolicMmHg", "spo2Percent", "respiratoryRatePerMin", "etco2MmHg");

    private static readonly FieldNameTable AdverseEffectFields = new("payload.", "effect", "severity", "cadssScore", "note");
    private static readonly FieldNameTable EndedFields = new("payload.", "reason");

    private static readonly FieldNameTable ScreeningFields = new(
        "payload.", "contraindicationsChecked", "contraindications", "concomitantMedicineClasses", "consentObtained");

    private static readonly FieldNameTable DischargedFields = new("payload.", "readyToLeaveAt");

    public static Violation? Validate(EventType type, JsonElement payload, out EventPayload? result)
    {
        result = null;
        if (FieldReader.IsAbsent(payload))
        {
            return FieldReader.Missing(PayloadField);
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return FieldReader.WrongType(PayloadField, "an object", payload);
        }

        var table = type switch
        {
            EventType.SessionStarted => SessionStartedFields,
            EventType.InfusionRateChanged => RateFields,
            EventType.InfusionPaused => PausedFields,
            EventType.InfusionResumed => NoFields,
            EventType.DoseAdministered => DoseFields,
            EventType.PumpTotalReported => PumpTotalFields,
            EventType.VitalsRecorded => VitalsFields,
            EventType.AdverseEffectObserved => AdverseEffectFields,
            EventType.SessionEnded => EndedFields,
            EventType.ScreeningRecorded => ScreeningFields,
            EventType.PatientDischarged => DischargedFields,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an event type of contract version 1."),
        };

        FieldSlots slots = default;
        var duplicate = ObjectScanner.Scan(payload, table, slots, out _);
        if (duplicate is not null)
        {
            return EventValidator.Duplicate(duplicate);
        }

        var p = table.Paths;
        var violation = type switch
        {
            EventType.SessionStarted => SessionStarted(slots, p, out result),
            EventType.InfusionRateChanged => InfusionRateChanged(slots, p, out result),
            EventType.InfusionPaused => InfusionPaused(slots, p, out result),
            EventType.InfusionResumed => InfusionResumed(out result),
            EventType.DoseAdministered => DoseAdministered(slots, p, out result),
            EventType.PumpTotalReported => PumpTotalReported(slots, p, out result),
            EventType.VitalsRecorded => VitalsRecorded(slots, p, out result),
            EventType.AdverseEffectObserved => AdverseEffectObserved(slots, p, out result),
            EventType.ScreeningRecorded => ScreeningRecorded(slots, p, out result),
            EventType.PatientDischarged => PatientDischarged(slots, p, out result),
            _ => SessionEnded(slots, p, out result),
        };
        return violation is { } missing ? NameUnknownFields(missing, payload, table) : null;
    }

    /// <summary>
    /// A missing field next to a field the contract does not know is most often a misspelling (<c>weightkg</c>); the
    /// rejection names the unknown ones so the producer sees both. Read only on this error path: the accepted path
    /// never enumerates the payload twice.
    /// </summary>
    private static Violation NameUnknownFields(Violation violation, JsonElement payload, FieldNameTable table)
    {
        if (violation.Rule is not (ContractRule.Required or ContractRule.ExactlyOneOf or ContractRule.AtLeastOneOf))
        {
            return violation;
        }

        var unknown = new List<string>();
        foreach (var property in payload.EnumerateObject())
        {
            // A name escaped into lone surrogates is not text (reading it throws): it is counted, never echoed.
            var name = ReadableName(property) is { } readable ? table.PathPrefix + readable : UnreadableName;
            if ((name == UnreadableName || table.IndexOf(name[table.PathPrefix.Length..]) < 0) && !unknown.Contains(name))
            {
                unknown.Add(name);
            }
        }

        if (unknown.Count == 0)
        {
            return violation;
        }

        var names = string.Join(", ", unknown.Take(5).Select(n => "'" + (n.Length <= 80 ? n : string.Concat(n.AsSpan(0, 80), "…")) + "'"));
        var more = unknown.Count > 5 ? $" and {unknown.Count - 5} more" : string.Empty;
        return violation with
        {
            Message = $"{violation.Message} The payload has {(unknown.Count == 1 ? "a field" : "fields")} the contract does not know: {names}{more} (misspelt?); unknown fields are otherwise ignored.",
        };
    }

    private const string UnreadableName = "(a name that is not valid Unicode text)";

    private static string? ReadableName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static Violation? SessionStarted(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.First(
            FieldReader.RequiredString(f[0], p[0], 1, 128, out var patientRef),
            FieldReader.RequiredString(f[1], p[1], 1, 128, out var protocolId),
            NotBlank(protocolId, p[1]),
            FieldReader.Enum(f[2], p[2], Routes, out var route),
            FieldReader.RequiredNumber(f[3], p[3], WeightKg, out var weightKg),
            FieldReader.OptionalNumber(f[4], p[4], DoseMgPerKg, out var doseMgPerKg),
            FieldReader.OptionalNumber(f[5], p[5], PrescribedDoseMg, out var doseMg),
            ExactlyOne(doseMgPerKg.HasValue, doseMg.HasValue, "prescribedDoseMgPerKg", "prescribedDoseMg"));
        if (violation is not null)
        {
            return violation;
        }

        // The planned duration and concentration describe an infusion; only IV sessions are infusions.
        var isInfusion = route == Route.IV;
        violation = FieldReader.First(
            isInfusion && FieldReader.IsAbsent(f[6]) ? RequiredForInfusion(p[6]) : null,
            FieldReader.OptionalNumber(f[6], p[6], DurationMin, out var durationMin),
            isInfusion && FieldReader.IsAbsent(f[7]) ? RequiredForInfusion(p[7]) : null,
            FieldReader.OptionalNumber(f[7], p[7], ConcentrationMgPerMl, out var concentration),
            FieldReader.OptionalInteger(f[8], p[8], AgeYears, out var ageYears));
        if (violation is not null)
        {
            return violation;
        }

        result = new SessionStartedPayload(
            patientRef,
            protocolId,
            route,
            BodyWeight.FromKilograms(weightKg),
            doseMgPerKg is { } perKg ? WeightBasedDose.FromMilligramsPerKilogram(perKg) : null,
            doseMg is { } mg ? Dose.FromMilligrams(mg) : null,
            durationMin is { } minutes ? ToDuration(minutes) : null,
            concentration is { } mgPerMl ? Concentration.FromMilligramsPerMillilitre(mgPerMl) : null,
            ageYears is { } age ? (int)age : null);
        return null;
    }

    private static Violation? InfusionRateChanged(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.First(
            FieldReader.OptionalNumber(f[0], p[0], RateMlPerHour, out var mlPerHour),
            FieldReader.OptionalNumber(f[1], p[1], RateMgPerKgPerHour, out var mgPerKgPerHour),
            ExactlyOne(mlPerHour.HasValue, mgPerKgPerHour.HasValue, "rateMlPerHour", "rateMgPerKgPerHour"));
        if (violation is not null)
        {
            return violation;
        }

        result = new InfusionRateChangedPayload(
            mlPerHour is { } volumeRate
                ? InfusionRate.FromMillilitresPerHour(volumeRate)
                : InfusionRate.FromMilligramsPerKilogramPerHour(mgPerKgPerHour!.Value));
        return null;
    }

    private static Violation? InfusionPaused(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.OptionalString(f[0], p[0], 200, out var reason);
        if (violation is null)
        {
            result = new InfusionPausedPayload(reason);
        }

        return violation;
    }

    private static Violation? InfusionResumed(out EventPayload? result)
    {
        result = new InfusionResumedPayload();
        return null;
    }

    private static Violation? DoseAdministered(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.First(
            FieldReader.RequiredNumber(f[0], p[0], DoseMg, out var doseMg),
            FieldReader.OptionalString(f[1], p[1], MaxLotNumberLength, out var lotNumber));
        if (violation is null)
        {
            result = new DoseAdministeredPayload(Dose.FromMilligrams(doseMg), lotNumber);
        }

        return violation;
    }

    private static Violation? PumpTotalReported(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.RequiredNumber(f[0], p[0], VolumeMl, out var volumeMl);
        if (violation is null)
        {
            result = new PumpTotalReportedPayload(Volume.FromMillilitres(volumeMl));
        }

        return violation;
    }

    private static Violation? VitalsRecorded(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.First(
            FieldReader.OptionalNumber(f[0], p[0], NumberRule.Finite, out var heartRate),
            FieldReader.OptionalNumber(f[1], p[1], NumberRule.Finite, out var systolic),
            FieldReader.OptionalNumber(f[2], p[2], NumberRule.Finite, out var diastolic),
            FieldReader.OptionalNumber(f[3], p[3], NumberRule.Finite, out var spo2),
            FieldReader.OptionalNumber(f[4], p[4], NumberRule.Finite, out var respiratoryRate),
            FieldReader.OptionalNumber(f[5], p[5], NumberRule.Finite, out var etco2));
        if (violation is not null)
        {
            return violation;
        }

        if (heartRate is null && systolic is null && diastolic is null && spo2 is null && respiratoryRate is null && etco2 is null)
        {
            return new Violation(
                PayloadField,
                ContractRule.AtLeastOneOf,
                "payload must contain at least one of heartRateBpm, systolicMmHg, diastolicMmHg, spo2Percent, respiratoryRatePerMin, etco2MmHg.");
        }

        result = new VitalsRecordedPayload(heartRate, systolic, diastolic, spo2, respiratoryRate, etco2);
        return null;
    }

    private static Violation? AdverseEffectObserved(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.First(
            FieldReader.Enum(f[0], p[0], Effects, out var effect),
            FieldReader.Enum(f[1], p[1], Severities, out var severity),
            FieldReader.OptionalInteger(f[2], p[2], CadssScore, out var cadss),
            FieldReader.OptionalString(f[3], p[3], 500, out var note));
        if (violation is null)
        {
            result = new AdverseEffectObservedPayload(effect, severity, cadss is { } score ? (int)score : null, note);
        }

        return violation;
    }

    private static Violation? ScreeningRecorded(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.First(
            FieldReader.RequiredBoolean(f[0], p[0], out var checkedAll),
            FieldReader.OptionalIdArray(f[1], p[1], MaxScreeningItems, out var contraindications),
            FieldReader.OptionalEnumArray(f[2], p[2], MedicineClasses, MaxScreeningItems, out var medicines),
            FieldReader.RequiredBoolean(f[3], p[3], out var consent));
        if (violation is null)
        {
            result = new ScreeningRecordedPayload(checkedAll, contraindications, medicines, consent);
        }

        return violation;
    }

    private static Violation? PatientDischarged(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.OptionalTimestamp(f[0], p[0], out var readyToLeaveAt);
        if (violation is null)
        {
            result = new PatientDischargedPayload(readyToLeaveAt);
        }

        return violation;
    }

    private static Violation? SessionEnded(ReadOnlySpan<JsonElement> f, IReadOnlyList<string> p, out EventPayload? result)
    {
        result = null;
        var violation = FieldReader.Enum(f[0], p[0], EndReasons, out var reason);
        if (violation is null)
        {
            result = new SessionEndedPayload(reason);
        }

        return violation;
    }

    private static Violation? NotBlank(string value, string field)
    {
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c))
            {
                return null;
            }
        }

        return value.Length == 0 ? null : new Violation(field, ContractRule.NotBlank, $"{field} must not be blank (white space only).");
    }

    private static Violation? ExactlyOne(bool first, bool second, string firstName, string secondName)
    {
        if (first ^ second)
        {
            return null;
        }

        return new Violation(
            PayloadField,
            ContractRule.ExactlyOneOf,
            $"payload must contain exactly one of {firstName} and {secondName}; found {(first ? "both" : "neither")}.");
    }

    private static Violation RequiredForInfusion(string field) =>
        new(field, ContractRule.Required, $"{field} is required when route is IV (null counts as missing).");

    private static TimeSpan ToDuration(double minutes)
    {
        // A positive duration below one tick (100 ns) would round to zero and break "planned duration > 0" downstream.
        var duration = TimeSpan.FromMinutes(minutes);
        return duration > TimeSpan.Zero ? duration : TimeSpan.FromTicks(1);
    }
}
