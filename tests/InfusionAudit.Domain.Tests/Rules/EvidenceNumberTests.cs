using CsCheck;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Rules;
using InfusionAudit.Domain.Tests.Builders;
using InfusionAudit.Domain.Units;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// Issue 14 item 4, clean numbers in evidence sentences: each value at its unit's clinical precision
/// (<see cref="ShownPrecision"/>), no trailing zeros, no float noise, and a breach never shown equal to its limit.
/// </summary>
public sealed class EvidenceNumberTests
{
    [Theory]
    [InlineData(39.375, "mg", "39.4")]
    [InlineData(63.449999999999996, "mg", "63.5")] // the double nearest 63.45, rounded as a person rounds 63.45
    [InlineData(0.5625, "mg/kg", "0.56")]
    [InlineData(2.0, "mg/kg", "2")]
    [InlineData(0.7142857142857143, "mg/kg/h", "0.714")]
    [InlineData(52.54999, "mg/h", "52.5")]
    [InlineData(128.14, "mL/h", "128.1")]
    [InlineData(35.06, "mL", "35.1")]
    [InlineData(0.5, "mg/mL", "0.5")]
    [InlineData(0.255, "mg/mL", "0.26")]
    [InlineData(70.25, "kg", "70.3")]
    [InlineData(12.5, "%", "12.5")]
    [InlineData(10.04, "%", "10")]
    [InlineData(86, "mmHg", "86")]
    [InlineData(-0.04, "mg", "0")]
    public void EachUnitIsShownAtItsClinicalPrecisionWithoutTrailingZeros(double value, string unit, string shown)
    {
        var text = unit switch
        {
            "mg" => Text.Mg(value),
            "mg/kg" => Text.MgPerKg(value),
            "mg/kg/h" => Text.MgPerKgPerHour(value),
            "mg/h" => Text.MgPerHour(value),
            "mL/h" => Text.Number(value, ShownPrecision.MlPerHour),
            "mL" => Text.Ml(value),
            "mg/mL" => Text.MgPerMl(value),
            "kg" => Text.Kg(value),
            "%" => Text.Pct(value),
            _ => Text.Vital(value),
        };

        text.ShouldBe(shown);
    }

    [Fact]
    public void UnitValuesPrintAtTheirClinicalPrecision()
    {
        VolumeRate.FromMillilitresPerHour(52.549999999999997).ToString().ShouldBe("52.6 mL/h");
        WeightBasedDoseRate.FromMilligramsPerKilogramPerHour(0.75).ToString().ShouldBe("0.75 mg/kg/h");
        Dose.FromMilligrams(39.375).ToString().ShouldBe("39.4 mg");
        WeightBasedDose.FromMilligramsPerKilogram(0.5625).ToString().ShouldBe("0.56 mg/kg");
        BodyWeight.FromKilograms(70.04).ToString().ShouldBe("70 kg");
        Concentration.FromMilligramsPerMillilitre(0.5).ToString().ShouldBe("0.5 mg/mL");
        Volume.FromMillilitres(35.000000000000007).ToString().ShouldBe("35 mL");
    }

    [Theory]
    [InlineData(2.004, 2.0, ShownPrecision.MgPerKg, "2.004", "2")]
    [InlineData(2.0001, 2.0, ShownPrecision.MgPerKg, "2.0001", "2")]
    [InlineData(1.996, 2.0, ShownPrecision.MgPerKg, "1.996", "2")]
    [InlineData(89.96, 90, ShownPrecision.Percent, "89.96", "90")]
    [InlineData(2.5, 2.0, ShownPrecision.MgPerKg, "2.5", "2")]
    [InlineData(2.0000000000000004, 2.0, ShownPrecision.MgPerKg, "2", "2")] // equal within the tolerance: judged and shown equal
    [InlineData(179.49999999999994, 179.5, 0, "180", "180")] // equal within the tolerance across a rounding midpoint: both read as the limit (CsCheck seed c9Y40ffN7Rk3)
    [InlineData(2e-13, 1e-13, ShownPrecision.MgPerKg, "just above 0", "0")] // too close for 12 decimals
    [InlineData(1e-13, 2e-13, ShownPrecision.MgPerKg, "just below 0", "0")]
    public void AValueIsNeverShownEqualToTheLimitItDiffersFrom(double value, double limit, int decimals, string shownValue, string shownLimit)
    {
        Text.Compared(value, limit, decimals).ShouldBe((shownValue, shownLimit));
    }

    [Fact]
    public void AnyValueBeyondItsLimitReadsDifferentFromIt()
    {
        Gen.Select(Gen.Double[0.001, 1000], Gen.Double[-0.01, 0.01], Gen.Int[0, 3]).Sample((limit, relative, decimals) =>
        {
            var value = limit * (1 + relative);
            var (shownValue, shownLimit) = Text.Compared(value, limit, decimals);
            var differs = Math.Abs(value - limit) > 1e-9 * Math.Max(Math.Abs(value), Math.Abs(limit));
            (shownValue != shownLimit).ShouldBe(differs, $"{value:R} vs {limit:R} at {decimals}: {shownValue} / {shownLimit}");
            shownValue.Length.ShouldBeLessThan(20);
        });
    }

    [Theory]
    [InlineData(ShownPrecision.Kg, 250.04, 30, 250, "250.04", "30", "250")]
    [InlineData(ShownPrecision.Kg, 29.99, 30, 250, "29.99", "30", "250")]
    [InlineData(ShownPrecision.MgPerMl, 10.001, 0.1, 10, "10.001", "0.1", "10")]
    public void AValueOutsideARangeIsToldFromTheEndItCrossed(int decimals, double value, double min, double max, string shown, string minText, string maxText)
    {
        Text.Outside(value, min, max, decimals).ShouldBe((shown, minText, maxText));
    }

    [Fact]
    public void DurationsShowTheTickThatMakesThemDifferFromALimit()
    {
        Text.Duration(TimeSpan.FromMinutes(15)).ShouldBe("15 min");
        Text.Duration(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30.5)).ShouldBe("15 min 30.5 s");
        Text.Duration(TimeSpan.FromMinutes(120) + TimeSpan.FromTicks(4)).ShouldBe("120 min 0.0000004 s");
    }

    [Fact]
    public void DeliveredJustAboveTheHardMaximumReadsAboveIt()
    {
        // 70 kg, hard maximum 2 mg/kg = 140 mg; 140.28 mg = 2.004 mg/kg would read "2.00 vs 2.00" at 0.01.
        var finding = new SessionBuilder().StartIv(mgPerKg: 1.9).Dose(1, 100).Dose(2, 40.28).Evaluate().Single(RuleIds.DoseHardLimit);

        finding.Evidence.ShouldBe("delivered 140.3 mg = 2.004 mg/kg is above the protocol's hard maximum 2 mg/kg");
        finding.EvidenceValues["deliveredMgPerKg"].ShouldBe(140.28 / 70, 1e-12); // stored at full precision
    }

    [Fact]
    public void APrescriptionJustAboveTheHardRangeReadsAboveIt()
    {
        var finding = new SessionBuilder().StartIv(mgPerKg: 2.001).Evaluate().Single(RuleIds.DosePrescribedHard);

        finding.Evidence.ShouldBe("prescribed 2.001 mg/kg is outside the hard range 0.1–2 mg/kg");
    }

    [Fact]
    public void UnderDeliveryJustBelowNinetyPercentReadsBelowIt()
    {
        // 31.49 of 35 mg = 89.97 %, which reads 90 % at 0.1.
        var finding = new SessionBuilder().StartIv().Dose(1, 31.49).End(60).Evaluate().Single(RuleIds.DoseUnderDelivery);

        finding.Evidence.ShouldBe("completed session delivered 31.5 mg = 0.45 mg/kg, 89.97 % of prescribed 35 mg (minimum 90 %)");
    }

    [Fact]
    public void APumpMismatchJustBeyondTheAllowanceReadsBeyondIt()
    {
        // 52.5 mL/h for 40 min = 35 mL; allowed 5 % = 1.75 mL; reported 36.76 mL differs by 1.76 mL: both read 1.8 at 0.1.
        var finding = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).PumpTotal(40, 36.76).Evaluate().Single(RuleIds.DosePumpMismatch);

        finding.Evidence.ShouldBe("pump reports 36.8 mL, the rate history gives 35 mL (difference 1.76 mL, allowed 1.75 mL)");
    }

    [Fact]
    public void ASpo2JustBelowTheCriticalLimitReadsBelowIt()
    {
        var finding = new SessionBuilder().StartIv().Vitals(1, spo2: 89.96).Evaluate().Single(RuleIds.VitalsSpo2Critical);

        finding.Evidence.ShouldBe("SpO2 89.96 % (critical limit 90 %)");
    }
}
