using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Protocols;

/// <summary>Reads and validates one protocol file; every problem is added to the list with the file and field named.</summary>
internal static partial class ProtocolFileReader
{
    // Generous ceilings: they catch a slipped decimal point (mg instead of mg/kg, seconds instead of minutes),
    // not clinical judgement, which stays with the soft/hard values a clinic writes.
    private const double MaxMgPerKg = 50;
    private const double MaxMg = 10_000;
    private const double MaxMinutes = 24 * 60;
    private const double MaxMgPerKgPerHour = 100;
    private const double MaxMmHg = 400;

    // Clinic defaults of catalogue v2 for fields a file may leave out (older files still load and mean these).
    private const double DefaultBolusHardMaxMgPerKg = 0.25;
    private const double DefaultBpPredoseWithinMin = 30;
    private const double DefaultBelowFloorConfirmWithinMin = 2;
    private const double DefaultHrLowAtMostBpm = 50;
    private const double DefaultHrCriticalLowAtMostBpm = 40;

    public static ProtocolDefinition? Read(string name, string json, List<string> problems)
    {
        var before = problems.Count;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            problems.Add($"{name}: not valid JSON ({ex.Message})");
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{name}: the file must hold one JSON object");
                return null;
            }

            var root = JsonSection.Root(name, document.RootElement, problems);
            var definition = ReadRoot(name, root);
            root.RejectUnknownFields();
            return problems.Count == before ? definition : null;
        }
    }

    private static ProtocolDefinition? ReadRoot(string name, JsonSection root)
    {
        var id = root.String("id", required: true);
        var version = root.Integer("version", required: true, min: 1);
        var title = root.String("title", required: true);
        var routeText = root.String("route", required: true);
        var fallback = root.Boolean("fallbackForUnknownProtocols", required: false) ?? false;

        Route? route = null;
        if (routeText is not null)
        {
            if (Enum.TryParse<Route>(routeText, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && routeText == parsed.ToString())
            {
                route = parsed;
            }
            else
            {
                root.Problem($"route (\"{routeText}\") must be one of IV, SC, IN, IM");
            }
        }

        if (id is not null && version is not null)
        {
            CheckFileName(name, id, version.Value, root);
        }

        var hasPerWeight = root.Has("doseMgPerKg");
        var hasFixed = root.Has("fixedDoseMg");
        if (hasPerWeight == hasFixed)
        {
            root.Problem("exactly one of doseMgPerKg and fixedDoseMg is required");
        }

        var dosePerWeight = ReadDosePerWeight(root);
        var fixedDose = ReadFixedDose(root);

        var elderly = ReadElderly(root);
        var duration = ReadDuration(root);
        var rate = ReadRate(root);
        var rateDeviation = ReadRateDeviation(root);
        var concentration = ReadConcentration(root);
        var bolusHardMax = root.Number("bolusHardMaxMgPerKg", required: false, 0, minExclusive: true, MaxMgPerKg) ?? DefaultBolusHardMaxMgPerKg;
        var observation = Minutes(root.Number("observationMin", required: false, 0, minExclusive: true, MaxMinutes));
        var spacing = Minutes(root.Number("deviceSpacingMin", required: false, 0, minExclusive: true, MaxMinutes));
        var weight = ReadWeight(root);
        var delivery = ReadDelivery(root);
        var timing = ReadTiming(root);
        var vitals = ReadVitals(root);
        var clock = ReadClock(root);

        if (rateDeviation is not null && !root.Has("durationMin"))
        {
            root.Problem("rateDeviation needs durationMin (the expected rate is prescribed dose ÷ planned duration)");
        }

        if (id is null || version is null || title is null || route is null || (dosePerWeight is null) == (fixedDose is null)
            || weight is null || delivery is null || timing is null || vitals is null)
        {
            return null;
        }

        return new ProtocolDefinition(
            id, version.Value, title, route.Value, fallback, dosePerWeight, fixedDose, elderly, duration, rate, rateDeviation,
            concentration, observation, spacing, weight.Value, delivery, timing, vitals,
            WeightBasedDose.FromMilligramsPerKilogram(bolusHardMax)) { Clock = clock };
    }

    private static void CheckFileName(string name, string id, int version, JsonSection root)
    {
        var fileName = System.IO.Path.GetFileName(name);
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            root.Problem($"file name must be <id>.v<version>.json, e.g. {id}.v{version}.json");
            return;
        }

        if (match.Groups["id"].Value != id)
        {
            root.Problem($"id (\"{id}\") does not match the file name (\"{match.Groups["id"].Value}\")");
        }

        if (match.Groups["version"].Value != version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            root.Problem($"version ({version}) does not match the file name (v{match.Groups["version"].Value})");
        }
    }

    private static WeightBasedDoseLimits? ReadDosePerWeight(JsonSection root)
    {
        var section = root.Section("doseMgPerKg", required: false);
        if (section is null)
        {
            return null;
        }

        var limits = ReadSoftHard(section, 0, MaxMgPerKg, minExclusive: true);
        section.RejectUnknownFields();
        return limits is { } l
            ? new WeightBasedDoseLimits(
                new(WeightBasedDose.FromMilligramsPerKilogram(l.Soft.Min), WeightBasedDose.FromMilligramsPerKilogram(l.Soft.Max)),
                new(WeightBasedDose.FromMilligramsPerKilogram(l.Hard.Min), WeightBasedDose.FromMilligramsPerKilogram(l.Hard.Max)))
            : null;
    }

    private static FixedDoseLimits? ReadFixedDose(JsonSection root)
    {
        var section = root.Section("fixedDoseMg", required: false);
        if (section is null)
        {
            return null;
        }

        var allowed = section.Numbers("allowed", required: true, 0, minExclusive: true, MaxMg);
        var hardMax = section.Number("hardMax", required: true, 0, minExclusive: true, MaxMg);
        section.RejectUnknownFields();
        if (allowed is null || hardMax is null)
        {
            return null;
        }

        var ok = true;
        for (var i = 0; i < allowed.Length; i++)
        {
            if (i > 0 && allowed[i] <= allowed[i - 1])
            {
                section.Problem($"{section.FieldPath("allowed")} must be strictly ascending ({JsonSection.Show(allowed[i])} follows {JsonSection.Show(allowed[i - 1])})");
                ok = false;
            }

            if (allowed[i] > hardMax.Value)
            {
                section.Problem($"{section.FieldPath("allowed")}[{i}] ({JsonSection.Show(allowed[i])}) is above hardMax ({JsonSection.Show(hardMax.Value)})");
                ok = false;
            }
        }

        return ok ? new FixedDoseLimits(Array.ConvertAll(allowed, Dose.FromMilligrams), Dose.FromMilligrams(hardMax.Value)) : null;
    }

    private static ElderlyDosing? ReadElderly(JsonSection root)
    {
        var section = root.Section("elderly", required: false);
        if (section is null)
        {
            return null;
        }

        var age = section.Integer("ageYearsAtLeast", required: true, min: 1);
        var dose = section.Number("firstSessionDoseMg", required: true, 0, minExclusive: true, MaxMg);
        section.RejectUnknownFields();
        return age is null || dose is null ? null : new ElderlyDosing(age.Value, Dose.FromMilligrams(dose.Value));
    }

    private static DurationLimits? ReadDuration(JsonSection root)
    {
        var section = root.Section("durationMin", required: false);
        if (section is null)
        {
            return null;
        }

        var limits = ReadSoftHard(section, 0, MaxMinutes, minExclusive: true);
        section.RejectUnknownFields();
        return limits is { } l
            ? new DurationLimits(
                new(Minutes(l.Soft.Min), Minutes(l.Soft.Max)),
                new(Minutes(l.Hard.Min), Minutes(l.Hard.Max)))
            : null;
    }

    private static RateLimits? ReadRate(JsonSection root)
    {
        var section = root.Section("rateMgPerKgPerHour", required: false);
        if (section is null)
        {
            return null;
        }

        var soft = section.Number("softMax", required: true, 0, minExclusive: true, MaxMgPerKgPerHour);
        var hard = section.Number("hardMax", required: true, 0, minExclusive: true, MaxMgPerKgPerHour);
        section.RejectUnknownFields();
        if (soft is null || hard is null)
        {
            return null;
        }

        if (soft > hard)
        {
            section.Problem($"{section.FieldPath("softMax")} ({JsonSection.Show(soft.Value)}) is above hardMax ({JsonSection.Show(hard.Value)})");
            return null;
        }

        return new RateLimits(
            WeightBasedDoseRate.FromMilligramsPerKilogramPerHour(soft.Value),
            WeightBasedDoseRate.FromMilligramsPerKilogramPerHour(hard.Value));
    }

    private static RateDeviationThresholds? ReadRateDeviation(JsonSection root)
    {
        var section = root.Section("rateDeviation", required: false);
        if (section is null)
        {
            return null;
        }

        var percent = section.Number("percent", required: true, 0, minExclusive: true, 100);
        var forMin = section.Number("forMoreThanMin", required: true, 0, minExclusive: false, MaxMinutes);
        section.RejectUnknownFields();
        return percent is null || forMin is null ? null : new RateDeviationThresholds(percent.Value, Minutes(forMin.Value));
    }

    private static ValueRange<Concentration>? ReadConcentration(JsonSection root)
    {
        var section = root.Section("concentrationMgPerMl", required: false);
        if (section is null)
        {
            return null;
        }

        var hard = ReadRange(section, "hard", 0, minExclusive: true, 1000);
        section.RejectUnknownFields();
        return hard is { } h
            ? new ValueRange<Concentration>(Concentration.FromMilligramsPerMillilitre(h.Min), Concentration.FromMilligramsPerMillilitre(h.Max))
            : null;
    }

    private static ValueRange<BodyWeight>? ReadWeight(JsonSection root)
    {
        var section = root.Section("weightKg", required: true);
        if (section is null)
        {
            return null;
        }

        var plausible = ReadRange(section, "plausible", 0, minExclusive: true, 1000);
        section.RejectUnknownFields();
        return plausible is { } p
            ? new ValueRange<BodyWeight>(BodyWeight.FromKilograms(p.Min), BodyWeight.FromKilograms(p.Max))
            : null;
    }

    private static DeliveryThresholds? ReadDelivery(JsonSection root)
    {
        var section = root.Section("delivery", required: true);
        if (section is null)
        {
            return null;
        }

        var over = section.Number("overDeliveryAbovePercent", required: true, 0, minExclusive: false, 100);
        var under = section.Number("underDeliveryBelowPercent", required: true, 0, minExclusive: true, 100);
        var mismatchMl = section.Number("pumpMismatchMinMl", required: true, 0, minExclusive: false, 1000);
        var mismatchPercent = section.Number("pumpMismatchPercent", required: true, 0, minExclusive: false, 100);
        section.RejectUnknownFields();
        return over is null || under is null || mismatchMl is null || mismatchPercent is null
            ? null
            : new DeliveryThresholds(over.Value, under.Value, Volume.FromMillilitres(mismatchMl.Value), mismatchPercent.Value);
    }

    private static TimingThresholds? ReadTiming(JsonSection root)
    {
        var section = root.Section("timing", required: true);
        if (section is null)
        {
            return null;
        }

        var pause = section.Number("pauseLongAboveMin", required: true, 0, minExclusive: true, MaxMinutes);
        var overdue = section.Number("overdueGraceMin", required: true, 0, minExclusive: false, MaxMinutes);
        var silent = section.Number("deviceSilentMin", required: true, 0, minExclusive: true, MaxMinutes);
        var noStart = section.Number("noStartAboveMin", required: true, 0, minExclusive: true, MaxMinutes);
        var skew = section.Number("clockSkewAboveMin", required: true, 0, minExclusive: true, MaxMinutes);
        var interval = section.Number("patientIntervalHours", required: true, 0, minExclusive: false, 24 * 365);
        var abandon = section.Number("abandonAfterHours", required: false, 0, minExclusive: true, 24 * 365);
        section.RejectUnknownFields();
        return pause is null || overdue is null || silent is null || noStart is null || skew is null || interval is null
            ? null
            : new TimingThresholds(
                Minutes(pause.Value), Minutes(overdue.Value), Minutes(silent.Value), Minutes(noStart.Value), Minutes(skew.Value),
                Minutes(interval.Value * 60),
                abandon is { } hours ? Minutes(hours * 60) : TimingThresholds.DefaultAbandonAfter);
    }

    /// <summary>The optional <c>clock</c> section; each absent field keeps its catalogue v2 default so older files load unchanged.</summary>
    private static ClockPlausibility ReadClock(JsonSection root)
    {
        var defaults = ClockPlausibility.Default;
        var section = root.Section("clock", required: false);
        if (section is null)
        {
            return defaults;
        }

        var notBeforeText = section.String("notBefore", required: false);
        var notBefore = defaults.NotBefore;
        if (notBeforeText is not null)
        {
            if (DateTimeOffset.TryParseExact(notBeforeText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                notBefore = parsed;
            }
            else
            {
                section.Problem($"{section.FieldPath("notBefore")} must be a date yyyy-MM-dd (got \"{notBeforeText}\")");
            }
        }

        var staleDays = section.Number("staleAboveDays", required: false, 0, minExclusive: true, 3650);
        var offsetMin = section.Number("deviceOffsetAboveMin", required: false, 0, minExclusive: true, MaxMinutes);
        section.RejectUnknownFields();
        return new ClockPlausibility(
            notBefore,
            staleDays is { } days ? TimeSpan.FromDays(days) : defaults.StaleAbove,
            offsetMin is { } minutes ? TimeSpan.FromMinutes(minutes) : defaults.DeviceOffsetAbove);
    }

    private static VitalsThresholds? ReadVitals(JsonSection root)
    {
        var section = root.Section("vitals", required: true);
        if (section is null)
        {
            return null;
        }

        var predose = section.Section("bpPredose", required: true);
        var predoseSys = predose?.Number("systolicAboveMmHg", required: true, 0, true, MaxMmHg);
        var predoseDia = predose?.Number("diastolicAboveMmHg", required: true, 0, true, MaxMmHg);
        var predoseWithin = predose?.Number("withinMin", required: false, 0, true, MaxMinutes) ?? DefaultBpPredoseWithinMin;
        predose?.RejectUnknownFields();

        var high = section.Section("bpHigh", required: true);
        var highSys = high?.Number("systolicAtLeastMmHg", required: true, 0, true, MaxMmHg);
        var highDia = high?.Number("diastolicAtLeastMmHg", required: true, 0, true, MaxMmHg);
        high?.RejectUnknownFields();

        var critical = section.Section("bpCritical", required: true);
        var pairSys = critical?.Number("pairSystolicAtLeastMmHg", required: true, 0, true, MaxMmHg);
        var pairDia = critical?.Number("pairDiastolicAtLeastMmHg", required: true, 0, true, MaxMmHg);
        var pairWithin = critical?.Number("pairWithinMin", required: true, 0, false, MaxMinutes);
        var singleSys = critical?.Number("singleSystolicAtLeastMmHg", required: true, 0, true, MaxMmHg);
        var singleDia = critical?.Number("singleDiastolicAtLeastMmHg", required: true, 0, true, MaxMmHg);
        critical?.RejectUnknownFields();

        var hrHigh = section.Number("hrHighAboveBpm", required: true, 0, true, 400);
        var hrCritical = section.Section("hrCritical", required: true);
        var hrSustained = hrCritical?.Number("sustainedAboveBpm", required: true, 0, true, 400);
        var hrSustainedFor = hrCritical?.Number("sustainedForMin", required: true, 0, false, MaxMinutes);
        var hrSingle = hrCritical?.Number("singleAboveBpm", required: true, 0, true, 400);
        hrCritical?.RejectUnknownFields();

        var spo2Low = section.Number("spo2LowBelowPercent", required: true, 0, true, 100);
        var spo2Critical = section.Number("spo2CriticalBelowPercent", required: true, 0, true, 100);
        var rrCritical = section.Number("rrCriticalBelowPerMin", required: true, 0, true, 100);
        var floorConfirm = section.Number("belowFloorConfirmWithinMin", required: false, 0, false, MaxMinutes) ?? DefaultBelowFloorConfirmWithinMin;
        var hrLow = section.Number("hrLowAtMostBpm", required: false, 0, false, 400) ?? DefaultHrLowAtMostBpm;
        var hrCriticalLow = section.Number("hrCriticalLowAtMostBpm", required: false, 0, false, 400) ?? DefaultHrCriticalLowAtMostBpm;

        var plausibleSection = section.Section("plausible", required: true);
        VitalsPlausibility? plausible = null;
        if (plausibleSection is not null)
        {
            var hr = ReadRange(plausibleSection, "heartRateBpm", 0, false, 1000);
            var sys = ReadRange(plausibleSection, "systolicMmHg", 0, false, 1000);
            var dia = ReadRange(plausibleSection, "diastolicMmHg", 0, false, 1000);
            var spo2 = ReadRange(plausibleSection, "spo2Percent", 0, false, 100);
            var rr = ReadRange(plausibleSection, "respiratoryRatePerMin", 0, false, 1000);
            plausibleSection.RejectUnknownFields();
            if (hr is not null && sys is not null && dia is not null && spo2 is not null && rr is not null)
            {
                plausible = new VitalsPlausibility(hr.Value, sys.Value, dia.Value, spo2.Value, rr.Value);
            }
        }

        section.RejectUnknownFields();

        if (predoseSys is null || predoseDia is null || highSys is null || highDia is null || pairSys is null || pairDia is null
            || pairWithin is null || singleSys is null || singleDia is null || hrHigh is null || hrSustained is null
            || hrSustainedFor is null || hrSingle is null || spo2Low is null || spo2Critical is null || rrCritical is null
            || plausible is null)
        {
            return null;
        }

        // The escalation ladders must climb: a tightened warning above its critical would hide the warning behind the alert.
        var ok = Ordered(section, "bpHigh.systolicAtLeastMmHg", highSys.Value, "bpCritical.pairSystolicAtLeastMmHg", pairSys.Value)
            & Ordered(section, "bpCritical.pairSystolicAtLeastMmHg", pairSys.Value, "bpCritical.singleSystolicAtLeastMmHg", singleSys.Value)
            & Ordered(section, "bpHigh.diastolicAtLeastMmHg", highDia.Value, "bpCritical.pairDiastolicAtLeastMmHg", pairDia.Value)
            & Ordered(section, "bpCritical.pairDiastolicAtLeastMmHg", pairDia.Value, "bpCritical.singleDiastolicAtLeastMmHg", singleDia.Value)
            & Ordered(section, "hrHighAboveBpm", hrHigh.Value, "hrCritical.sustainedAboveBpm", hrSustained.Value)
            & Ordered(section, "hrCritical.sustainedAboveBpm", hrSustained.Value, "hrCritical.singleAboveBpm", hrSingle.Value)
            & Ordered(section, "spo2CriticalBelowPercent", spo2Critical.Value, "spo2LowBelowPercent", spo2Low.Value)
            & Ordered(section, "hrCriticalLowAtMostBpm", hrCriticalLow, "hrLowAtMostBpm", hrLow)
            & Ordered(section, "hrLowAtMostBpm", hrLow, "hrHighAboveBpm", hrHigh.Value);
        if (!ok)
        {
            return null;
        }

        return new VitalsThresholds(
            predoseSys.Value, predoseDia.Value, highSys.Value, highDia.Value, pairSys.Value, pairDia.Value, Minutes(pairWithin.Value),
            singleSys.Value, singleDia.Value, hrHigh.Value, hrSustained.Value, Minutes(hrSustainedFor.Value), hrSingle.Value,
            spo2Low.Value, spo2Critical.Value, rrCritical.Value, plausible, Minutes(predoseWithin), Minutes(floorConfirm),
            hrLow, hrCriticalLow);
    }

    private static bool Ordered(JsonSection section, string lowName, double low, string highName, double high)
    {
        if (low <= high)
        {
            return true;
        }

        section.Problem($"{section.FieldPath(lowName)} ({JsonSection.Show(low)}) is above {highName} ({JsonSection.Show(high)})");
        return false;
    }

    private static (ValueRange<double> Soft, ValueRange<double> Hard)? ReadSoftHard(JsonSection section, double min, double max, bool minExclusive)
    {
        var soft = ReadRange(section, "soft", min, minExclusive, max);
        var hard = ReadRange(section, "hard", min, minExclusive, max);
        if (soft is not { } s || hard is not { } h)
        {
            return null;
        }

        var ok = true;
        if (s.Min < h.Min)
        {
            section.Problem($"{section.FieldPath("soft.min")} ({JsonSection.Show(s.Min)}) is below hard.min ({JsonSection.Show(h.Min)})");
            ok = false;
        }

        if (s.Max > h.Max)
        {
            section.Problem($"{section.FieldPath("soft.max")} ({JsonSection.Show(s.Max)}) is above hard.max ({JsonSection.Show(h.Max)})");
            ok = false;
        }

        return ok ? (s, h) : null;
    }

    private static ValueRange<double>? ReadRange(JsonSection parent, string name, double min, bool minExclusive, double max)
    {
        var section = parent.Section(name, required: true);
        if (section is null)
        {
            return null;
        }

        var low = section.Number("min", required: true, min, minExclusive, max);
        var high = section.Number("max", required: true, min, minExclusive, max);
        section.RejectUnknownFields();
        if (low is null || high is null)
        {
            return null;
        }

        if (low > high)
        {
            section.Problem($"{section.FieldPath("min")} ({JsonSection.Show(low.Value)}) is above {section.FieldPath("max")} ({JsonSection.Show(high.Value)})");
            return null;
        }

        return new ValueRange<double>(low.Value, high.Value);
    }

    // Ticks, not TimeSpan.FromMinutes(double): the value in the file must become exactly the same instant on every runtime.
    private static TimeSpan Minutes(double minutes) => TimeSpan.FromTicks(checked((long)Math.Round(minutes * TimeSpan.TicksPerMinute)));

    private static TimeSpan? Minutes(double? minutes) => minutes is { } m ? Minutes(m) : null;

    [GeneratedRegex(@"^(?<id>[a-z0-9][a-z0-9-]*)\.v(?<version>[1-9][0-9]*)\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
