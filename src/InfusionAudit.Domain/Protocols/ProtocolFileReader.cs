using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols.Documents;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// Reads and validates one protocol file; every problem is added to the list with the file and field named.
/// The file binds to <see cref="ProtocolDocument"/> (names and JSON types); this class checks what is required, the
/// range of each number (the same bounds as <c>protocols/protocol.schema.json</c>, which a test keeps in step) and the
/// checks that span fields, then builds the <see cref="ProtocolDefinition"/> in units.
/// </summary>
internal static partial class ProtocolFileReader
{
    // Generous ceilings: they catch a slipped decimal point (mg instead of mg/kg, seconds instead of minutes),
    // not clinical judgement, which stays with the soft/hard values a clinic writes.
    private const double MaxMgPerKg = 50;
    private const double MaxMg = 10_000;
    private const double MaxMinutes = 24 * 60;
    private const double MaxMgPerKgPerHour = 100;
    private const double MaxMmHg = 400;

    // WEIGHT-CHANGED cannot look further back than the patient history keeps.
    private static readonly double PatientHistoryLookBackDays = Sessions.PatientHistory.LookBack.TotalDays;

    // Clinic defaults of catalogue v2 for fields a file may leave out (older files still load and mean these).
    private const double DefaultBolusHardMaxMgPerKg = 0.25;
    private const double DefaultBpPredoseWithinMin = 30;
    private const double DefaultBelowFloorConfirmWithinMin = 2;
    private const double DefaultHrLowAtMostBpm = 50;
    private const double DefaultHrCriticalLowAtMostBpm = 40;
    private const double DefaultAspirationRiskWithinMin = 30;

    public static ProtocolDefinition? Read(string name, string json, List<string> problems)
    {
        var before = problems.Count;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            problems.Add($"{name}: not valid JSON ({ex.Message})");
            return null;
        }

        if (node is not JsonObject root)
        {
            problems.Add($"{name}: the file must hold one JSON object");
            return null;
        }

        var checks = new ProtocolChecks(name, problems);
        var document = ProtocolDocumentShape.Bind(root, checks);
        var definition = ReadRoot(name, document, checks);
        return problems.Count == before ? definition : null;
    }

    private static ProtocolDefinition? ReadRoot(string name, ProtocolDocument root, ProtocolChecks checks)
    {
        var id = checks.Present(root.Id, "id", required: true);
        var version = checks.Integer(root.Version, "version", required: true, min: 1);
        var title = checks.Present(root.Title, "title", required: true);
        var routeText = checks.Present(root.Route, "route", required: true);
        var fallback = root.FallbackForUnknownProtocols ?? false;

        Route? route = null;
        if (routeText is not null)
        {
            if (Enum.TryParse<Route>(routeText, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && routeText == parsed.ToString())
            {
                route = parsed;
            }
            else
            {
                checks.Problem($"route (\"{routeText}\") must be one of IV, SC, IN, IM");
            }
        }

        if (id is not null && version is not null)
        {
            CheckFileName(name, id, version.Value, checks);
        }

        if ((root.DoseMgPerKg is null) == (root.FixedDoseMg is null))
        {
            checks.Problem("exactly one of doseMgPerKg and fixedDoseMg is required");
        }

        var dosePerWeight = ReadDosePerWeight(root.DoseMgPerKg, checks);
        var fixedDose = ReadFixedDose(root.FixedDoseMg, checks);

        var elderly = ReadElderly(root.Elderly, checks);
        var duration = ReadDuration(root.DurationMin, checks);
        var rate = ReadRate(root.RateMgPerKgPerHour, checks);
        var rateDeviation = ReadRateDeviation(root.RateDeviation, checks);
        var concentration = ReadConcentration(root.ConcentrationMgPerMl, checks);
        var bolusHardMax = checks.Number(root.BolusHardMaxMgPerKg, "bolusHardMaxMgPerKg", required: false, 0, minExclusive: true, MaxMgPerKg)
            ?? DefaultBolusHardMaxMgPerKg;
        var observation = Minutes(checks.Number(root.ObservationMin, "observationMin", required: false, 0, minExclusive: true, MaxMinutes));
        var spacing = Minutes(checks.Number(root.DeviceSpacingMin, "deviceSpacingMin", required: false, 0, minExclusive: true, MaxMinutes));
        var weight = ReadWeight(root.WeightKg, checks);
        var weightChange = ReadWeightChange(root.WeightKg, checks);
        var screening = ReadScreening(root.Screening, checks);
        var course = ReadCourse(root.Course, checks);
        var aspiration = checks.Number(root.AspirationRiskWithinMin, "aspirationRiskWithinMin", required: false, 0, minExclusive: true, MaxMinutes)
            ?? DefaultAspirationRiskWithinMin;
        var delivery = ReadDelivery(root.Delivery, checks);
        var timing = ReadTiming(root.Timing, checks);
        var vitals = ReadVitals(root.Vitals, checks);
        var clock = ReadClock(root.Clock, checks);

        if (root.RateDeviation is not null && root.DurationMin is null)
        {
            checks.Problem("rateDeviation needs durationMin (the expected rate is prescribed dose ÷ planned duration)");
        }

        if (id is null || version is null || title is null || route is null || (dosePerWeight is null) == (fixedDose is null)
            || weight is null || delivery is null || timing is null || vitals is null)
        {
            return null;
        }

        return new ProtocolDefinition(
            id, version.Value, title, route.Value, fallback, dosePerWeight, fixedDose, elderly, duration, rate, rateDeviation,
            concentration, observation, spacing, weight.Value, delivery, timing, vitals,
            WeightBasedDose.FromMilligramsPerKilogram(bolusHardMax))
        {
            Clock = clock,
            Screening = screening,
            Course = course,
            WeightChange = weightChange,
            AspirationRiskWithin = Minutes(aspiration),
        };
    }

    private static void CheckFileName(string name, string id, int version, ProtocolChecks checks)
    {
        var fileName = System.IO.Path.GetFileName(name);
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            checks.Problem($"file name must be <id>.v<version>.json, e.g. {id}.v{version}.json");
            return;
        }

        if (match.Groups["id"].Value != id)
        {
            checks.Problem($"id (\"{id}\") does not match the file name (\"{match.Groups["id"].Value}\")");
        }

        if (match.Groups["version"].Value != version.ToString(CultureInfo.InvariantCulture))
        {
            checks.Problem($"version ({version}) does not match the file name (v{match.Groups["version"].Value})");
        }
    }

    private static WeightBasedDoseLimits? ReadDosePerWeight(SoftHardRangeDocument? section, ProtocolChecks checks)
    {
        if (section is null)
        {
            return null;
        }

        return ReadSoftHard(section, "doseMgPerKg", 0, MaxMgPerKg, minExclusive: true, checks) is { } l
            ? new WeightBasedDoseLimits(
                new(WeightBasedDose.FromMilligramsPerKilogram(l.Soft.Min), WeightBasedDose.FromMilligramsPerKilogram(l.Soft.Max)),
                new(WeightBasedDose.FromMilligramsPerKilogram(l.Hard.Min), WeightBasedDose.FromMilligramsPerKilogram(l.Hard.Max)))
            : null;
    }

    private static FixedDoseLimits? ReadFixedDose(FixedDoseDocument? section, ProtocolChecks checks)
    {
        if (section is null)
        {
            return null;
        }

        var allowed = checks.Numbers(section.Allowed, "fixedDoseMg.allowed", required: true, 0, minExclusive: true, MaxMg);
        var hardMax = checks.Number(section.HardMax, "fixedDoseMg.hardMax", required: true, 0, minExclusive: true, MaxMg);
        if (allowed is null || hardMax is null)
        {
            return null;
        }

        var ok = true;
        for (var i = 0; i < allowed.Length; i++)
        {
            if (i > 0 && allowed[i] <= allowed[i - 1])
            {
                checks.Problem($"fixedDoseMg.allowed must be strictly ascending ({ProtocolChecks.Show(allowed[i])} follows {ProtocolChecks.Show(allowed[i - 1])})");
                ok = false;
            }

            if (allowed[i] > hardMax.Value)
            {
                checks.Problem($"fixedDoseMg.allowed[{i}] ({ProtocolChecks.Show(allowed[i])}) is above hardMax ({ProtocolChecks.Show(hardMax.Value)})");
                ok = false;
            }
        }

        return ok ? new FixedDoseLimits(Array.ConvertAll(allowed, Dose.FromMilligrams), Dose.FromMilligrams(hardMax.Value)) : null;
    }

    private static ElderlyDosing? ReadElderly(ElderlyDocument? section, ProtocolChecks checks)
    {
        if (section is null)
        {
            return null;
        }

        var age = checks.Integer(section.AgeYearsAtLeast, "elderly.ageYearsAtLeast", required: true, min: 1);
        var dose = checks.Number(section.FirstSessionDoseMg, "elderly.firstSessionDoseMg", required: true, 0, minExclusive: true, MaxMg);
        return age is null || dose is null ? null : new ElderlyDosing(age.Value, Dose.FromMilligrams(dose.Value));
    }

    private static DurationLimits? ReadDuration(SoftHardRangeDocument? section, ProtocolChecks checks)
    {
        if (section is null)
        {
            return null;
        }

        return ReadSoftHard(section, "durationMin", 0, MaxMinutes, minExclusive: true, checks) is { } l
            ? new DurationLimits(
                new(Minutes(l.Soft.Min), Minutes(l.Soft.Max)),
                new(Minutes(l.Hard.Min), Minutes(l.Hard.Max)))
            : null;
    }

    private static RateLimits? ReadRate(RateDocument? section, ProtocolChecks checks)
    {
        if (section is null)
        {
            return null;
        }

        var soft = checks.Number(section.SoftMax, "rateMgPerKgPerHour.softMax", required: true, 0, minExclusive: true, MaxMgPerKgPerHour);
        var hard = checks.Number(section.HardMax, "rateMgPerKgPerHour.hardMax", required: true, 0, minExclusive: true, MaxMgPerKgPerHour);
        if (soft is null || hard is null)
        {
            return null;
        }

        if (soft > hard)
        {
            checks.Problem($"rateMgPerKgPerHour.softMax ({ProtocolChecks.Show(soft.Value)}) is above hardMax ({ProtocolChecks.Show(hard.Value)})");
            return null;
        }

        return new RateLimits(
            WeightBasedDoseRate.FromMilligramsPerKilogramPerHour(soft.Value),
            WeightBasedDoseRate.FromMilligramsPerKilogramPerHour(hard.Value));
    }

    private static RateDeviationThresholds? ReadRateDeviation(RateDeviationDocument? section, ProtocolChecks checks)
    {
        if (section is null)
        {
            return null;
        }

        var percent = checks.Number(section.Percent, "rateDeviation.percent", required: true, 0, minExclusive: true, 100);
        var forMin = checks.Number(section.ForMoreThanMin, "rateDeviation.forMoreThanMin", required: true, 0, minExclusive: false, MaxMinutes);
        return percent is null || forMin is null ? null : new RateDeviationThresholds(percent.Value, Minutes(forMin.Value));
    }

    private static ValueRange<Concentration>? ReadConcentration(HardRangeDocument? section, ProtocolChecks checks)
    {
        if (section is null)
        {
            return null;
        }

        return ReadRange(section.Hard, "concentrationMgPerMl.hard", 0, minExclusive: true, 1000, checks) is { } h
            ? new ValueRange<Concentration>(Concentration.FromMilligramsPerMillilitre(h.Min), Concentration.FromMilligramsPerMillilitre(h.Max))
            : null;
    }

    private static ValueRange<BodyWeight>? ReadWeight(PlausibleRangeDocument? section, ProtocolChecks checks)
    {
        if (checks.Present(section, "weightKg", required: true) is null)
        {
            return null;
        }

        return ReadRange(section!.Plausible, "weightKg.plausible", 0, minExclusive: true, 1000, checks) is { } p
            ? new ValueRange<BodyWeight>(BodyWeight.FromKilograms(p.Min), BodyWeight.FromKilograms(p.Max))
            : null;
    }

    /// <summary>The optional weight-change fields of <c>weightKg</c>; absent fields keep the catalogue v2 defaults.</summary>
    private static WeightChangeThresholds ReadWeightChange(PlausibleRangeDocument? section, ProtocolChecks checks)
    {
        var defaults = WeightChangeThresholds.Default;
        if (section is null)
        {
            return defaults;
        }

        var percent = checks.Number(section.ChangedAbovePercent, "weightKg.changedAbovePercent", required: false, 0, minExclusive: true, 1000);
        var days = checks.Number(section.ChangedWithinDays, "weightKg.changedWithinDays", required: false, 0, minExclusive: true, PatientHistoryLookBackDays);
        var pounds = section.PoundsForKilogramsRatio is null ? defaults.PoundsForKilograms
            : ReadRange(section.PoundsForKilogramsRatio, "weightKg.poundsForKilogramsRatio", 0, minExclusive: true, 100, checks) ?? defaults.PoundsForKilograms;
        var kilograms = section.KilogramsForPoundsRatio is null ? defaults.KilogramsForPounds
            : ReadRange(section.KilogramsForPoundsRatio, "weightKg.kilogramsForPoundsRatio", 0, minExclusive: true, 100, checks) ?? defaults.KilogramsForPounds;
        return new WeightChangeThresholds(
            percent ?? defaults.ChangedAbovePercent,
            days is { } d ? TimeSpan.FromDays(d) : defaults.ChangedWithin,
            pounds,
            kilograms);
    }

    private static CourseLimits? ReadCourse(CourseDocument? section, ProtocolChecks checks)
    {
        if (section is null)
        {
            return null;
        }

        var max = checks.Integer(section.MaxSessionsPer7Days, "course.maxSessionsPer7Days", required: false, min: 1);
        var inductionDays = checks.Number(section.InductionDays, "course.inductionDays", required: false, 0, minExclusive: true, 3650);
        var inductionMax = checks.Integer(section.InductionMaxSessionsPer7Days, "course.inductionMaxSessionsPer7Days", required: false, min: 1);
        var step = checks.Number(section.MaxStepMgPerKg, "course.maxStepMgPerKg", required: false, 0, minExclusive: false, MaxMgPerKg);
        var first = checks.Number(section.FirstSessionMaxMg, "course.firstSessionMaxMg", required: false, 0, minExclusive: true, MaxMg);
        var cumulative = checks.Number(section.MaxMgPerKgPer7Days, "course.maxMgPerKgPer7Days", required: false, 0, minExclusive: true, MaxMgPerKg);
        if ((inductionDays is null) != (inductionMax is null))
        {
            checks.Problem("course.inductionDays and course.inductionMaxSessionsPer7Days go together");
        }

        return new CourseLimits(max, inductionDays is { } d ? TimeSpan.FromDays(d) : null, inductionMax, step, first, cumulative);
    }

    private static ScreeningRequirement? ReadScreening(ScreeningDocument? section, ProtocolChecks checks)
    {
        if (section is null)
        {
            return null;
        }

        var contraindications = section.Contraindications ?? [];
        foreach (var id in contraindications)
        {
            if (!ContractId.IsValid(id))
            {
                checks.Problem($"screening.contraindications (\"{id}\") must be an id of 1 to {ContractId.MaxLength} characters from A-Z a-z 0-9 . _ : -");
            }
        }

        return new ScreeningRequirement(section.Required ?? false, contraindications);
    }

    private static DeliveryThresholds? ReadDelivery(DeliveryDocument? section, ProtocolChecks checks)
    {
        if (checks.Present(section, "delivery", required: true) is not { } s)
        {
            return null;
        }

        var over = checks.Number(s.OverDeliveryAbovePercent, "delivery.overDeliveryAbovePercent", required: true, 0, minExclusive: false, 100);
        var under = checks.Number(s.UnderDeliveryBelowPercent, "delivery.underDeliveryBelowPercent", required: true, 0, minExclusive: true, 100);
        var mismatchMl = checks.Number(s.PumpMismatchMinMl, "delivery.pumpMismatchMinMl", required: true, 0, minExclusive: false, 1000);
        var mismatchPercent = checks.Number(s.PumpMismatchPercent, "delivery.pumpMismatchPercent", required: true, 0, minExclusive: false, 100);
        return over is null || under is null || mismatchMl is null || mismatchPercent is null
            ? null
            : new DeliveryThresholds(over.Value, under.Value, Volume.FromMillilitres(mismatchMl.Value), mismatchPercent.Value);
    }

    private static TimingThresholds? ReadTiming(TimingDocument? section, ProtocolChecks checks)
    {
        if (checks.Present(section, "timing", required: true) is not { } s)
        {
            return null;
        }

        var pause = checks.Number(s.PauseLongAboveMin, "timing.pauseLongAboveMin", required: true, 0, minExclusive: true, MaxMinutes);
        var overdue = checks.Number(s.OverdueGraceMin, "timing.overdueGraceMin", required: true, 0, minExclusive: false, MaxMinutes);
        var silent = checks.Number(s.DeviceSilentMin, "timing.deviceSilentMin", required: true, 0, minExclusive: true, MaxMinutes);
        var noStart = checks.Number(s.NoStartAboveMin, "timing.noStartAboveMin", required: true, 0, minExclusive: true, MaxMinutes);
        var skew = checks.Number(s.ClockSkewAboveMin, "timing.clockSkewAboveMin", required: true, 0, minExclusive: true, MaxMinutes);
        var interval = checks.Number(s.PatientIntervalHours, "timing.patientIntervalHours", required: true, 0, minExclusive: false, 24 * 365);
        var abandon = checks.Number(s.AbandonAfterHours, "timing.abandonAfterHours", required: false, 0, minExclusive: true, 24 * 365);
        return pause is null || overdue is null || silent is null || noStart is null || skew is null || interval is null
            ? null
            : new TimingThresholds(
                Minutes(pause.Value), Minutes(overdue.Value), Minutes(silent.Value), Minutes(noStart.Value), Minutes(skew.Value),
                Minutes(interval.Value * 60),
                abandon is { } hours ? Minutes(hours * 60) : TimingThresholds.DefaultAbandonAfter);
    }

    /// <summary>The optional <c>clock</c> section; each absent field keeps its catalogue v2 default so older files load unchanged.</summary>
    private static ClockPlausibility ReadClock(ClockDocument? section, ProtocolChecks checks)
    {
        var defaults = ClockPlausibility.Default;
        if (section is null)
        {
            return defaults;
        }

        var notBefore = defaults.NotBefore;
        if (section.NotBefore is { } notBeforeText)
        {
            if (DateTimeOffset.TryParseExact(notBeforeText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                notBefore = parsed;
            }
            else
            {
                checks.Problem($"clock.notBefore must be a date yyyy-MM-dd (got \"{notBeforeText}\")");
            }
        }

        var staleDays = checks.Number(section.StaleAboveDays, "clock.staleAboveDays", required: false, 0, minExclusive: true, 3650);
        var offsetMin = checks.Number(section.DeviceOffsetAboveMin, "clock.deviceOffsetAboveMin", required: false, 0, minExclusive: true, MaxMinutes);
        return new ClockPlausibility(
            notBefore,
            staleDays is { } days ? TimeSpan.FromDays(days) : defaults.StaleAbove,
            offsetMin is { } minutes ? TimeSpan.FromMinutes(minutes) : defaults.DeviceOffsetAbove);
    }

    private static VitalsThresholds? ReadVitals(VitalsDocument? section, ProtocolChecks checks)
    {
        if (checks.Present(section, "vitals", required: true) is not { } s)
        {
            return null;
        }

        var predose = checks.Present(s.BpPredose, "vitals.bpPredose", required: true);
        var predoseSys = predose is null ? null : checks.Number(predose.SystolicAboveMmHg, "vitals.bpPredose.systolicAboveMmHg", true, 0, true, MaxMmHg);
        var predoseDia = predose is null ? null : checks.Number(predose.DiastolicAboveMmHg, "vitals.bpPredose.diastolicAboveMmHg", true, 0, true, MaxMmHg);
        var predoseWithin = (predose is null ? null : checks.Number(predose.WithinMin, "vitals.bpPredose.withinMin", false, 0, true, MaxMinutes))
            ?? DefaultBpPredoseWithinMin;

        var high = checks.Present(s.BpHigh, "vitals.bpHigh", required: true);
        var highSys = high is null ? null : checks.Number(high.SystolicAtLeastMmHg, "vitals.bpHigh.systolicAtLeastMmHg", true, 0, true, MaxMmHg);
        var highDia = high is null ? null : checks.Number(high.DiastolicAtLeastMmHg, "vitals.bpHigh.diastolicAtLeastMmHg", true, 0, true, MaxMmHg);

        var critical = checks.Present(s.BpCritical, "vitals.bpCritical", required: true);
        var pairSys = critical is null ? null : checks.Number(critical.PairSystolicAtLeastMmHg, "vitals.bpCritical.pairSystolicAtLeastMmHg", true, 0, true, MaxMmHg);
        var pairDia = critical is null ? null : checks.Number(critical.PairDiastolicAtLeastMmHg, "vitals.bpCritical.pairDiastolicAtLeastMmHg", true, 0, true, MaxMmHg);
        var pairWithin = critical is null ? null : checks.Number(critical.PairWithinMin, "vitals.bpCritical.pairWithinMin", true, 0, false, MaxMinutes);
        var singleSys = critical is null ? null : checks.Number(critical.SingleSystolicAtLeastMmHg, "vitals.bpCritical.singleSystolicAtLeastMmHg", true, 0, true, MaxMmHg);
        var singleDia = critical is null ? null : checks.Number(critical.SingleDiastolicAtLeastMmHg, "vitals.bpCritical.singleDiastolicAtLeastMmHg", true, 0, true, MaxMmHg);

        var hrHigh = checks.Number(s.HrHighAboveBpm, "vitals.hrHighAboveBpm", true, 0, true, 400);
        var hrCritical = checks.Present(s.HrCritical, "vitals.hrCritical", required: true);
        var hrSustained = hrCritical is null ? null : checks.Number(hrCritical.SustainedAboveBpm, "vitals.hrCritical.sustainedAboveBpm", true, 0, true, 400);
        var hrSustainedFor = hrCritical is null ? null : checks.Number(hrCritical.SustainedForMin, "vitals.hrCritical.sustainedForMin", true, 0, false, MaxMinutes);
        var hrSingle = hrCritical is null ? null : checks.Number(hrCritical.SingleAboveBpm, "vitals.hrCritical.singleAboveBpm", true, 0, true, 400);

        var spo2Low = checks.Number(s.Spo2LowBelowPercent, "vitals.spo2LowBelowPercent", true, 0, true, 100);
        var spo2Critical = checks.Number(s.Spo2CriticalBelowPercent, "vitals.spo2CriticalBelowPercent", true, 0, true, 100);
        var rrCritical = checks.Number(s.RrCriticalBelowPerMin, "vitals.rrCriticalBelowPerMin", true, 0, true, 100);
        var floorConfirm = checks.Number(s.BelowFloorConfirmWithinMin, "vitals.belowFloorConfirmWithinMin", false, 0, false, MaxMinutes)
            ?? DefaultBelowFloorConfirmWithinMin;
        var hrLow = checks.Number(s.HrLowAtMostBpm, "vitals.hrLowAtMostBpm", false, 0, false, 400) ?? DefaultHrLowAtMostBpm;
        var hrCriticalLow = checks.Number(s.HrCriticalLowAtMostBpm, "vitals.hrCriticalLowAtMostBpm", false, 0, false, 400) ?? DefaultHrCriticalLowAtMostBpm;
        var bpLow = s.BpLow;
        var bpLowSys = (bpLow is null ? null : checks.Number(bpLow.SystolicBelowMmHg, "vitals.bpLow.systolicBelowMmHg", false, 0, true, MaxMmHg)) ?? 90;
        var bpLowCritical = (bpLow is null ? null : checks.Number(bpLow.CriticalSystolicBelowMmHg, "vitals.bpLow.criticalSystolicBelowMmHg", false, 0, true, MaxMmHg)) ?? 80;
        var bpLowWithin = (bpLow is null ? null : checks.Number(bpLow.CriticalPairWithinMin, "vitals.bpLow.criticalPairWithinMin", false, 0, false, MaxMinutes)) ?? 10;
        var rrHigh = checks.Number(s.RrHighAtLeastPerMin, "vitals.rrHighAtLeastPerMin", false, 0, true, 100) ?? 25;
        var baseline = checks.Number(s.BaselineChangeAbovePercent, "vitals.baselineChangeAbovePercent", false, 0, true, 1000) ?? 25;
        var missingAfter = checks.Number(s.MissingAfterMin, "vitals.missingAfterMin", false, 0, true, MaxMinutes) ?? 15;
        ValueRange<TimeSpan>? bpAfterFirstDose = null;
        if (s.BpAfterFirstDose is { } window)
        {
            var from = checks.Number(window.FromMin, "vitals.bpAfterFirstDose.fromMin", true, 0, false, MaxMinutes);
            var to = checks.Number(window.ToMin, "vitals.bpAfterFirstDose.toMin", true, 0, false, MaxMinutes);
            if (from is { } f && to is { } t)
            {
                if (f > t)
                {
                    checks.Problem($"vitals.bpAfterFirstDose.fromMin ({ProtocolChecks.Show(f)}) is above toMin ({ProtocolChecks.Show(t)})");
                }
                else
                {
                    bpAfterFirstDose = new ValueRange<TimeSpan>(Minutes(f), Minutes(t));
                }
            }
        }

        VitalsPlausibility? plausible = null;
        if (checks.Present(s.Plausible, "vitals.plausible", required: true) is { } p)
        {
            var hr = ReadRange(p.HeartRateBpm, "vitals.plausible.heartRateBpm", 0, false, 1000, checks);
            var sys = ReadRange(p.SystolicMmHg, "vitals.plausible.systolicMmHg", 0, false, 1000, checks);
            var dia = ReadRange(p.DiastolicMmHg, "vitals.plausible.diastolicMmHg", 0, false, 1000, checks);
            var spo2 = ReadRange(p.Spo2Percent, "vitals.plausible.spo2Percent", 0, false, 100, checks);
            var rr = ReadRange(p.RespiratoryRatePerMin, "vitals.plausible.respiratoryRatePerMin", 0, false, 1000, checks);
            if (hr is not null && sys is not null && dia is not null && spo2 is not null && rr is not null)
            {
                plausible = new VitalsPlausibility(hr.Value, sys.Value, dia.Value, spo2.Value, rr.Value);
            }
        }

        if (predoseSys is null || predoseDia is null || highSys is null || highDia is null || pairSys is null || pairDia is null
            || pairWithin is null || singleSys is null || singleDia is null || hrHigh is null || hrSustained is null
            || hrSustainedFor is null || hrSingle is null || spo2Low is null || spo2Critical is null || rrCritical is null
            || plausible is null)
        {
            return null;
        }

        // The escalation ladders must climb: a tightened warning above its critical would hide the warning behind the alert.
        var ok = Ordered(checks, "bpHigh.systolicAtLeastMmHg", highSys.Value, "bpCritical.pairSystolicAtLeastMmHg", pairSys.Value)
            & Ordered(checks, "bpCritical.pairSystolicAtLeastMmHg", pairSys.Value, "bpCritical.singleSystolicAtLeastMmHg", singleSys.Value)
            & Ordered(checks, "bpHigh.diastolicAtLeastMmHg", highDia.Value, "bpCritical.pairDiastolicAtLeastMmHg", pairDia.Value)
            & Ordered(checks, "bpCritical.pairDiastolicAtLeastMmHg", pairDia.Value, "bpCritical.singleDiastolicAtLeastMmHg", singleDia.Value)
            & Ordered(checks, "hrHighAboveBpm", hrHigh.Value, "hrCritical.sustainedAboveBpm", hrSustained.Value)
            & Ordered(checks, "hrCritical.sustainedAboveBpm", hrSustained.Value, "hrCritical.singleAboveBpm", hrSingle.Value)
            & Ordered(checks, "spo2CriticalBelowPercent", spo2Critical.Value, "spo2LowBelowPercent", spo2Low.Value)
            & Ordered(checks, "hrCriticalLowAtMostBpm", hrCriticalLow, "hrLowAtMostBpm", hrLow)
            & Ordered(checks, "hrLowAtMostBpm", hrLow, "hrHighAboveBpm", hrHigh.Value)
            & Ordered(checks, "bpLow.criticalSystolicBelowMmHg", bpLowCritical, "bpLow.systolicBelowMmHg", bpLowSys)
            & Ordered(checks, "rrCriticalBelowPerMin", rrCritical.Value, "rrHighAtLeastPerMin", rrHigh);
        if (!ok)
        {
            return null;
        }

        return new VitalsThresholds(
            predoseSys.Value, predoseDia.Value, highSys.Value, highDia.Value, pairSys.Value, pairDia.Value, Minutes(pairWithin.Value),
            singleSys.Value, singleDia.Value, hrHigh.Value, hrSustained.Value, Minutes(hrSustainedFor.Value), hrSingle.Value,
            spo2Low.Value, spo2Critical.Value, rrCritical.Value, plausible, Minutes(predoseWithin), Minutes(floorConfirm),
            hrLow, hrCriticalLow)
        {
            BpLowSystolicBelowMmHg = bpLowSys,
            BpLowCriticalSystolicBelowMmHg = bpLowCritical,
            BpLowCriticalPairWithin = Minutes(bpLowWithin),
            RrHighAtLeastPerMin = rrHigh,
            BaselineChangeAbovePercent = baseline,
            MissingAfter = Minutes(missingAfter),
            BpAfterFirstDose = bpAfterFirstDose,
        };
    }

    /// <summary>Two fields of <c>vitals</c>, named relative to it, that must not be in the wrong order.</summary>
    private static bool Ordered(ProtocolChecks checks, string lowName, double low, string highName, double high)
    {
        if (low <= high)
        {
            return true;
        }

        checks.Problem($"vitals.{lowName} ({ProtocolChecks.Show(low)}) is above {highName} ({ProtocolChecks.Show(high)})");
        return false;
    }

    private static (ValueRange<double> Soft, ValueRange<double> Hard)? ReadSoftHard(
        SoftHardRangeDocument section, string path, double min, double max, bool minExclusive, ProtocolChecks checks)
    {
        var soft = ReadRange(section.Soft, path + ".soft", min, minExclusive, max, checks);
        var hard = ReadRange(section.Hard, path + ".hard", min, minExclusive, max, checks);
        if (soft is not { } s || hard is not { } h)
        {
            return null;
        }

        var ok = true;
        if (s.Min < h.Min)
        {
            checks.Problem($"{path}.soft.min ({ProtocolChecks.Show(s.Min)}) is below hard.min ({ProtocolChecks.Show(h.Min)})");
            ok = false;
        }

        if (s.Max > h.Max)
        {
            checks.Problem($"{path}.soft.max ({ProtocolChecks.Show(s.Max)}) is above hard.max ({ProtocolChecks.Show(h.Max)})");
            ok = false;
        }

        return ok ? (s, h) : null;
    }

    private static ValueRange<double>? ReadRange(RangeDocument? range, string path, double min, bool minExclusive, double max, ProtocolChecks checks)
    {
        if (checks.Present(range, path, required: true) is not { } r)
        {
            return null;
        }

        var low = checks.Number(r.Min, path + ".min", required: true, min, minExclusive, max);
        var high = checks.Number(r.Max, path + ".max", required: true, min, minExclusive, max);
        if (low is null || high is null)
        {
            return null;
        }

        if (low > high)
        {
            checks.Problem($"{path}.min ({ProtocolChecks.Show(low.Value)}) is above {path}.max ({ProtocolChecks.Show(high.Value)})");
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
