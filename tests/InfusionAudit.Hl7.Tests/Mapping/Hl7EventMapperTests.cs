using System.Text.Json.Nodes;
using InfusionAudit.Hl7.Er7;
using InfusionAudit.Hl7.Mapping;

namespace InfusionAudit.Hl7.Tests.Mapping;

/// <summary>PCD-01 and PCD-10 to contract events, per segment and code (docs/hl7v2.md).</summary>
public sealed class Hl7EventMapperTests
{
    private static readonly Hl7MappingOptions Defaults = new();

    internal static string Corpus(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "valid", name));

    private static Hl7Mapping Map(string text, Hl7MappingOptions? options = null)
    {
        var parsed = Er7Parser.Parse(text);
        parsed.Problem.ShouldBeNull();
        return Hl7EventMapper.Map(parsed.Message!, options ?? Defaults);
    }

    private static JsonArray Events(Hl7Mapping mapping)
    {
        mapping.Problem.ShouldBeNull();
        return JsonNode.Parse(mapping.EventsJson!)!.AsArray();
    }

    private static string Replace(string text, string from, string to)
    {
        text.ShouldContain(from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void Pcd01BecomesOneVitalsRecordedWithTheIdentityFromMshPv1AndTheMdsRow()
    {
        var events = Events(Map(Corpus("pcd01-vitals.hl7")));

        events.Count.ShouldBe(1);
        var e = events[0]!;
        e["type"]!.GetValue<string>().ShouldBe("VitalsRecorded");
        e["clinicId"]!.GetValue<string>().ShouldBe("abq-01");
        e["sessionId"]!.GetValue<string>().ShouldBe("S-HL7-0001");
        e["deviceId"]!.GetValue<string>().ShouldBe("mon-07");
        e["sequence"]!.GetValue<long>().ShouldBe(12);
        e["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-26T15:05:00+00:00");
        e["eventId"]!.GetValue<string>().ShouldBe(Hl7EventMapper.EventId("mon-07", "MON7-0001", 0));
        var payload = e["payload"]!.AsObject();
        payload["heartRateBpm"]!.GetValue<double>().ShouldBe(72);
        payload["systolicMmHg"]!.GetValue<double>().ShouldBe(118);
        payload["diastolicMmHg"]!.GetValue<double>().ShouldBe(76);
        payload["spo2Percent"]!.GetValue<double>().ShouldBe(98);
        payload["respiratoryRatePerMin"]!.GetValue<double>().ShouldBe(14);
        payload.ContainsKey("meanMmHg").ShouldBeFalse();
        payload["patientRef"]!.GetValue<string>().ShouldBe("CANARY-HL7-MRN-1");
    }

    [Fact]
    public void AnEpisodicReadingKeepsItsOwnTimeFromObx14()
    {
        // TF-2 (OBR-7, OBX-14): OBX-14 overrides OBR-7 for an episodic measurement such as a cuff's. A monitor's periodic
        // report carries the last cuff reading with the time it was taken; stamped with the report's time, a reading
        // 20 minutes old would count as fresh (and VITALS-MISSING would never see the cuff stop).
        var text = Corpus("pcd01-vitals.hl7")
            .Replace("|R|||20261126150500+0000\rOBX|5", "|R|||20261126144500+0000\rOBX|5", StringComparison.Ordinal)
            .Replace("|R|||20261126150500+0000\rOBX|6", "|R|||20261126144500+0000\rOBX|6", StringComparison.Ordinal)
            .Replace("|R|||20261126150500+0000\rOBX|7", "|R|||20261126144500+0000\rOBX|7", StringComparison.Ordinal);

        var events = Events(Map(text));

        events.Count.ShouldBe(2);
        events[0]!["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-26T14:45:00+00:00");
        events[0]!["payload"]!.AsObject().Select(p => p.Key).ShouldBe(["systolicMmHg", "diastolicMmHg", "patientRef"], ignoreOrder: true);
        events[0]!["sequence"]!.GetValue<long>().ShouldBe(12);
        events[1]!["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-26T15:05:00+00:00");
        events[1]!["payload"]!.AsObject().Select(p => p.Key).ShouldBe(["heartRateBpm", "spo2Percent", "respiratoryRatePerMin", "patientRef"], ignoreOrder: true);
        events[1]!["sequence"]!.GetValue<long>().ShouldBe(13);
    }

    [Fact]
    public void AMetricWithoutObx14TakesItsChannelsTimeBeforeTheObrs()
    {
        // A channel row's OBX-14 is the default time of the metrics it contains (TF-2, OBX-14: the nearest ancestor).
        var text = Replace(Corpus("pcd01-vitals.hl7"), "\rOBX|4|NM|150021", "\rOBX|9||70687^MDC_DEV_PRESS_BLD_NONINV_CHAN^MDC|1.1.2.0|||||||X|||20261126145000+0000\rOBX|4|NM|150021");
        foreach (var set in new[] { "4", "5", "6" })
        {
            var start = text.IndexOf($"\rOBX|{set}|", StringComparison.Ordinal);
            var end = text.IndexOf('\r', start + 1);
            text = text[..start] + text[start..end].Replace("|R|||20261126150500+0000", "|R", StringComparison.Ordinal) + text[end..];
        }

        var events = Events(Map(text));

        events.Select(e => e!["occurredAt"]!.GetValue<string>()).ShouldBe(["2026-11-26T14:50:00+00:00", "2026-11-26T15:05:00+00:00"]);
        events[0]!["payload"]!["systolicMmHg"]!.GetValue<double>().ShouldBe(118);
    }

    [Fact]
    public void AnUnreadableObx14IsAnErrorOnThatField()
    {
        var mapping = Map(Replace(Corpus("pcd01-vitals.hl7"), "|118|266016^MDC_DIM_MMHG^MDC|||||R|||20261126150500+0000", "|118|266016^MDC_DIM_MMHG^MDC|||||R|||yesterday"));

        mapping.Problem!.Location.ShouldStartWith("OBX[8]-14");
        mapping.Problem.Code.ShouldBe(Hl7Problem.DataTypeError);
    }

    [Fact]
    public void LfTerminatedPcd01MapsTheSame() =>
        Map(Corpus("pcd01-vitals-lf.hl7")).EventsJson.ShouldBe(Map(Corpus("pcd01-vitals.hl7")).EventsJson);

    [Fact]
    public void UcumUnitsAndKilopascalAreReadAndConverted()
    {
        var text = Replace(Corpus("pcd01-vitals.hl7"), "|118|266016^MDC_DIM_MMHG^MDC|", "|16|kPa^kPa^UCUM|");
        text = Replace(text, "|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|", "|72|/min^/min^UCUM|");

        var payload = Events(Map(text))[0]!["payload"]!;

        payload["systolicMmHg"]!.GetValue<double>().ShouldBe(120.01, 0.01);
        payload["heartRateBpm"]!.GetValue<double>().ShouldBe(72);
    }

    [Theory]
    [InlineData("|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|", "|72|266016^MDC_DIM_MMHG^MDC|", 3, Hl7Problem.TableValueNotFound)]
    [InlineData("|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|", "|72||", 3, Hl7Problem.RequiredFieldMissing)]
    [InlineData("|98|262688^MDC_DIM_PERCENT^MDC|", "|98|262688^MDC_DIM_MMHG^MDC|", 7, Hl7Problem.TableValueNotFound)]
    [InlineData("|98|262688^MDC_DIM_PERCENT^MDC|", "|0.98|1^ratio^L|", 7, Hl7Problem.TableValueNotFound)]
    public void AWrongOrMissingUnitIsAnErrorOnObx6NeverAGuess(string from, string to, int obxSetId, int code)
    {
        var mapping = Map(Replace(Corpus("pcd01-vitals.hl7"), from, to));

        mapping.EventsJson.ShouldBeNull();
        mapping.Problem!.Kind.ShouldBe(Hl7ProblemKind.Error);
        mapping.Problem.Segment.ShouldBe("OBX");
        mapping.Problem.SegmentSequence.ShouldBe(obxSetId + 4);
        mapping.Problem.Field.ShouldBe(6);
        mapping.Problem.Code.ShouldBe(code);
    }

    [Fact]
    public void ANonNumericReadingIsAnErrorOnObx5()
    {
        var mapping = Map(Replace(Corpus("pcd01-vitals.hl7"), "|NM|151562^MDC_RESP_RATE^MDC|1.1.4.1|14|", "|NM|151562^MDC_RESP_RATE^MDC|1.1.4.1|fourteen|"));

        mapping.Problem!.Location.ShouldBe("OBX[12]-5.1");
    }

    [Fact]
    public void DeviceRowsAndUnknownCodesAreSkipped()
    {
        var text = Replace(Corpus("pcd01-vitals.hl7"), "OBX|8|NM|151562", "OBX|8|NM|150344^MDC_TEMP^MDC|1.1.5.1|37|268192^MDC_DIM_DEGC^MDC|||||R\rOBX|9|NM|151562");

        Events(Map(text))[0]!["payload"]!.AsObject().Count.ShouldBe(6);
    }

    [Fact]
    public void AMessageWithNothingMappedIsAnError()
    {
        var lines = Corpus("pcd01-vitals.hl7").Split('\r').Where(l => !l.StartsWith("OBX|3", StringComparison.Ordinal) && !l.StartsWith("OBX|4", StringComparison.Ordinal)
            && !l.StartsWith("OBX|5", StringComparison.Ordinal) && !l.StartsWith("OBX|6", StringComparison.Ordinal) && !l.StartsWith("OBX|7", StringComparison.Ordinal) && !l.StartsWith("OBX|8", StringComparison.Ordinal));

        var mapping = Map(string.Join('\r', lines));

        mapping.Problem!.Code.ShouldBe(Hl7Problem.TableValueNotFound);
        mapping.Problem.Field.ShouldBe(3);
    }

    [Fact]
    public void Pcd10StartIsARateChangeAndItsVolumeAPumpTotalBeforeIt()
    {
        var events = Events(Map(Corpus("pcd10-start.hl7")));

        events.Count.ShouldBe(2);
        events[0]!["type"]!.GetValue<string>().ShouldBe("PumpTotalReported");
        events[0]!["payload"]!["volumeInfusedMl"]!.GetValue<double>().ShouldBe(0);
        events[0]!["sequence"]!.GetValue<long>().ShouldBe(1);
        events[1]!["type"]!.GetValue<string>().ShouldBe("InfusionRateChanged");
        events[1]!["payload"]!["rateMlPerHour"]!.GetValue<double>().ShouldBe(52.5);
        events[1]!["deviceId"]!.GetValue<string>().ShouldBe("pump-17");
        events[1]!["sequence"]!.GetValue<long>().ShouldBe(2);
        events[1]!["eventId"]!.GetValue<string>().ShouldNotBe(events[0]!["eventId"]!.GetValue<string>());
    }

    [Fact]
    public void APumpEventTakesTheTimeOfItsEventRowWhenItHasOne()
    {
        // TF-2's rule for every observation: OBX-14 overrides OBR-7 (a gateway's report time may trail the event).
        var text = Replace(Corpus("pcd10-start.hl7"), "0^MDC_EVT_PUMP_DELIV_START^MDC||||||R|||20261126150030+0000", "0^MDC_EVT_PUMP_DELIV_START^MDC||||||R|||20261126150010+0000");

        var events = Events(Map(text));

        events.Select(e => e!["occurredAt"]!.GetValue<string>()).ShouldBe(["2026-11-26T15:00:10+00:00", "2026-11-26T15:00:10+00:00"]);
    }

    [Fact]
    public void ATitrationStopThenStartIsOneRateChange()
    {
        var events = Events(Map(Corpus("pcd10-titration.hl7")));

        events.Count.ShouldBe(1);
        events[0]!["type"]!.GetValue<string>().ShouldBe("InfusionRateChanged");
        events[0]!["payload"]!["rateMlPerHour"]!.GetValue<double>().ShouldBe(60);
        events[0]!["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-26T15:10:00+00:00");
    }

    [Fact]
    public void AStopAloneIsAPauseAndACompletionEndsTheSession()
    {
        var stop = Replace(Corpus("pcd10-start.hl7"), "MDC_EVT_PUMP_DELIV_START", "MDC_EVT_PUMP_DELIV_STOP");
        var complete = Replace(Corpus("pcd10-start.hl7"), "MDC_EVT_PUMP_DELIV_START", "MDC_EVT_PUMP_DELIV_COMP");

        Events(Map(stop))[1]!["type"]!.GetValue<string>().ShouldBe("InfusionPaused");
        var ended = Events(Map(complete))[1]!;
        ended["type"]!.GetValue<string>().ShouldBe("SessionEnded");
        ended["payload"]!["reason"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public void AStopFollowedByTheProgramClearedIsTheInfusionStoppedNotAPause()
    {
        // A nurse who stops an infusion for good stops the pump and clears its program; the pump reports both. The
        // contract's word for it is a rate of 0 (stopped), not a pause, which PAUSE-LONG would judge while the patient
        // is observed after the infusion.
        var titration = Corpus("pcd10-titration.hl7");
        var stopped = Events(Map(Replace(titration, "0^MDC_EVT_PUMP_DELIV_START^MDC", "0^MDC_EVT_PUMP_PROG_CLEARED^MDC")));

        stopped.Count.ShouldBe(1);
        stopped[0]!["type"]!.GetValue<string>().ShouldBe("InfusionRateChanged");
        stopped[0]!["payload"]!["rateMlPerHour"]!.GetValue<double>().ShouldBe(0);
        stopped[0]!["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-26T15:10:00+00:00");
    }

    [Fact]
    public void AProgramClearedAloneStopsTheInfusion()
    {
        var cleared = Events(Map(Replace(Corpus("pcd10-start.hl7"), "MDC_EVT_PUMP_DELIV_START", "MDC_EVT_PUMP_PROG_CLEARED")));

        // The group's volume delivered first, then the stop.
        cleared.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["PumpTotalReported", "InfusionRateChanged"]);
        cleared[1]!["payload"]!["rateMlPerHour"]!.GetValue<double>().ShouldBe(0);
    }

    [Fact]
    public void ADoseRateInMgPerHourIsDividedByTheWeight()
    {
        var text = Replace(Corpus("pcd10-start.hl7"), "NM|157784^MDC_FLOW_FLUID_PUMP^MDC|1.1.1.102|52.5|265266^MDC_DIM_MILLI_L_PER_HR^MDC", "NM|157924^MDC_RATE_DOSE^MDC|1.1.1.102|52.5|mg/h^mg/h^UCUM");

        Events(Map(text))[1]!["payload"]!["rateMgPerKgPerHour"]!.GetValue<double>().ShouldBe(0.75, 1e-12);
    }

    [Fact]
    public void AStartShapedLikeTheIpecSampleMessageIsItsRateAndCumulativeVolume()
    {
        // One OBR, the event condition on the MDS (pending code 0, the event by its code 197288), the delivery info
        // channel's current flow (another term, pending code) beside the source channel's programmed rate and dose rate.
        var events = Events(Map(Corpus("pcd10-ipec-start.hl7")));

        events.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["PumpTotalReported", "InfusionRateChanged"]);
        events[0]!["payload"]!["volumeInfusedMl"]!.GetValue<double>().ShouldBe(12.4);
        events[1]!["payload"]!["rateMlPerHour"]!.GetValue<double>().ShouldBe(52.5);
        events[1]!["deviceId"]!.GetValue<string>().ShouldBe("pump-17");
    }

    [Fact]
    public void TheStartEventIsReadByItsCodeAloneAndTheDoseRateInMicrogramsPerKgPerMinuteByItsUnitCode()
    {
        var text = Replace(Corpus("pcd10-ipec-start.hl7"), "197288^MDC_EVT_PUMP_DELIV_START^MDC", "197288^^MDC");
        text = Replace(text, "OBX|12|NM|157784^MDC_FLOW_FLUID_PUMP^MDC|1.1.2.4|52.5|265266^MDC_DIM_MILLI_L_PER_HR^MDC^mL/h^mL/h^UCUM|||||R", "OBX|12|NM|157784^MDC_FLOW_FLUID_PUMP^MDC|1.1.2.4|52.5|265266^MDC_DIM_MILLI_L_PER_HR^MDC^mL/h^mL/h^UCUM|||||X");
        text = Replace(text, "|12.5|265619^MDC_DIM_MICRO_G_PER_KG_PER_MIN^MDC^ug/kg/min^ug/kg/min^UCUM|", "|12.5|265619^^MDC|");

        var rate = Events(Map(text))[1]!;

        rate["type"]!.GetValue<string>().ShouldBe("InfusionRateChanged");
        rate["payload"]!["rateMgPerKgPerHour"]!.GetValue<double>().ShouldBe(0.75, 1e-12);
    }

    [Theory]
    [InlineData("OBX|13|NM|157924^MDC_RATE_DOSE^MDC|", "OBX|13|NM|157924^MDC_FLOW_FLUID_PUMP^MDC|", "OBX[17]-3")]
    [InlineData("OBX|12|NM|157784^MDC_FLOW_FLUID_PUMP^MDC|", "OBX|12|NM|157784^MDC_VOL_FLUID_DELIV_TOTAL^MDC|", "OBX[16]-3")]
    [InlineData("197288^MDC_EVT_PUMP_DELIV_START^MDC", "197288^MDC_EVT_PUMP_DELIV_STOP^MDC", "OBX[7]-5")]
    public void ACodeAndAReferenceIdNamingDifferentTermsAreRefusedNotGuessed(string from, string to, string location)
    {
        var mapping = Map(Replace(Corpus("pcd10-ipec-start.hl7"), from, to));

        mapping.Problem!.Code.ShouldBe(Hl7Problem.TableValueNotFound);
        mapping.Problem.Location.ShouldStartWith(location);
    }

    [Theory]
    [InlineData("147842^^MDC")]
    [InlineData("^MDC_ECG_CARD_BEAT_RATE^MDC")]
    [InlineData("147842^MDC_ECG_HEART_RATE^MDC")]
    [InlineData("^MDC_ECG_HEART_RATE^MDC")]
    public void HeartRateIsReadByTheTechnicalFrameworksNameByItsCodeOrByTheNameGatewaysAlsoUse(string code)
    {
        var text = Replace(Corpus("pcd01-vitals.hl7"), "147842^MDC_ECG_CARD_BEAT_RATE^MDC", code);

        Events(Map(text))[0]!["payload"]!["heartRateBpm"]!.GetValue<double>().ShouldBe(72);
    }

    [Fact]
    public void ATransitioningStopAloneIsNoPauseThePumpGoesOnAtTheRateItReports()
    {
        // IPEC sends a titration as two messages, one event each: STOP with the delivery status "transitioning" (the
        // old rate still running), then START with the new rate. Read as a pause, every titration would stop the
        // delivered-dose integral between the two.
        var text = Replace(Corpus("pcd10-ipec-start.hl7"), "197288^MDC_EVT_PUMP_DELIV_START^MDC", "0^MDC_EVT_PUMP_DELIV_STOP^MDC");
        var transitioning = Replace(text, "^pump-delivery-status-delivering", "^pump-delivery-status-transitioning");
        var stopped = Replace(text, "^pump-delivery-status-delivering", "^pump-delivery-status-not-delivering");

        var events = Events(Map(transitioning));

        events.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["PumpTotalReported", "InfusionRateChanged"]);
        events[1]!["payload"]!["rateMlPerHour"]!.GetValue<double>().ShouldBe(52.5);
        Events(Map(stopped)).Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["PumpTotalReported", "InfusionPaused"]);
    }

    [Fact]
    public void ATransitioningStopWithoutARateIsAnErrorOnItsObr()
    {
        var text = Replace(Corpus("pcd10-ipec-start.hl7"), "197288^MDC_EVT_PUMP_DELIV_START^MDC", "0^MDC_EVT_PUMP_DELIV_STOP^MDC");
        text = Replace(text, "^pump-delivery-status-delivering", "^pump-delivery-status-transitioning");
        text = Replace(text, "52.5|265266^MDC_DIM_MILLI_L_PER_HR^MDC^mL/h^mL/h^UCUM|||||R\rOBX|13", "52.5|265266^MDC_DIM_MILLI_L_PER_HR^MDC^mL/h^mL/h^UCUM|||||X\rOBX|13");
        text = Replace(text, "|12.5|265619^MDC_DIM_MICRO_G_PER_KG_PER_MIN^MDC^ug/kg/min^ug/kg/min^UCUM|||||R", "|12.5|265619^MDC_DIM_MICRO_G_PER_KG_PER_MIN^MDC^ug/kg/min^ug/kg/min^UCUM|||||X");

        var mapping = Map(text);

        mapping.Problem!.Code.ShouldBe(Hl7Problem.RequiredFieldMissing);
        mapping.Problem.Location.ShouldBe("OBR[4]");
    }

    [Fact]
    public void APumpEventGroupWithoutItsEventRowIsAnErrorOnItsObr()
    {
        var lines = Corpus("pcd10-start.hl7").Split('\r').Where(l => !l.Contains("MDC_ATTR_EVT_COND", StringComparison.Ordinal));

        var mapping = Map(string.Join('\r', lines));

        mapping.Problem!.Location.ShouldBe("OBR[4]");
        mapping.Problem.Code.ShouldBe(Hl7Problem.RequiredFieldMissing);
    }

    [Fact]
    public void AStartWithoutARateIsAnErrorOnItsObr()
    {
        var text = Replace(Corpus("pcd10-start.hl7"), "NM|157784^MDC_FLOW_FLUID_PUMP^MDC|1.1.1.102|52.5|265266^MDC_DIM_MILLI_L_PER_HR^MDC|||||R", "NM|157784^MDC_FLOW_FLUID_PUMP^MDC|1.1.1.102|52.5|265266^MDC_DIM_MILLI_L_PER_HR^MDC|||||X");

        var mapping = Map(text);

        mapping.Problem!.Location.ShouldBe("OBR[4]");
        mapping.Problem.Code.ShouldBe(Hl7Problem.RequiredFieldMissing);
    }

    [Fact]
    public void ResendingAMessageGivesTheSameEventIds() =>
        Map(Corpus("pcd10-start.hl7")).EventsJson.ShouldBe(Map(Corpus("pcd10-start.hl7")).EventsJson);

    [Fact]
    public void TheEventIdDependsOnDeviceControlIdAndIndex()
    {
        var ids = new[] { Hl7EventMapper.EventId("a", "1", 0), Hl7EventMapper.EventId("b", "1", 0), Hl7EventMapper.EventId("a", "2", 0), Hl7EventMapper.EventId("a", "1", 1) };

        ids.Distinct().Count().ShouldBe(4);
        ids.ShouldAllBe(id => id.Length == 44);
    }

    [Theory]
    [InlineData("||ORU^R01^ORU_R01|", "||ORU^R30^ORU_R30|", 9, Hl7Problem.UnsupportedMessageType)]
    [InlineData("|MON7-0001|P|2.6|", "||P|2.6|", 10, Hl7Problem.RequiredFieldMissing)]
    [InlineData("|MON7-0001|P|2.6|", "|MON7-0001|P|3.0|", 12, Hl7Problem.UnsupportedVersion)]
    [InlineData("|UNICODE UTF-8|", "|8859/1|", 18, Hl7Problem.TableValueNotFound)]
    public void AnUnsupportedHeaderRejectsTheMessage(string from, string to, int field, int code)
    {
        var mapping = Map(Replace(Corpus("pcd01-vitals.hl7"), from, to));

        mapping.Problem!.Kind.ShouldBe(Hl7ProblemKind.Reject);
        mapping.Problem.Location.ShouldBe($"MSH[1]-{field}");
        mapping.Problem.Code.ShouldBe(code);
    }

    [Fact]
    public void AMissingSequenceNumberIsAnErrorOnMsh13() =>
        Map(Replace(Corpus("pcd01-vitals.hl7"), "|2.6|12||AL|", "|2.6|||AL|")).Problem!.Location.ShouldBe("MSH[1]-13");

    [Fact]
    public void AMissingSessionIsAnErrorOnTheConfiguredField()
    {
        var text = Replace(Corpus("pcd01-vitals.hl7"), "||||||||||||||||S-HL7-0001", "||||||||||||||||");
        text = Replace(text, "OBR|1|ORD-1^GW-ICU^0123456789ABCDEF^EUI-64|", "OBR|1||");

        var mapping = Map(text);

        mapping.Problem!.Location.ShouldBe("PV1[3]-19.1");
        mapping.Problem.Code.ShouldBe(Hl7Problem.RequiredFieldMissing);
        mapping.ClinicId.ShouldBe("abq-01");
    }

    [Fact]
    public void TheMappingIsConfigurable()
    {
        var options = new Hl7MappingOptions { SessionIdFields = "OBR-3.1", DeviceIdFields = "MSH-3.1", ClinicIdFields = "PV1-3.1" };

        var e = Events(Map(Corpus("pcd01-vitals.hl7"), options))[0]!;

        e["sessionId"]!.GetValue<string>().ShouldBe("MON7-0001");
        e["deviceId"]!.GetValue<string>().ShouldBe("GW-ICU");
        e["clinicId"]!.GetValue<string>().ShouldBe("ICU");
    }

    [Fact]
    public void ATimeWithoutOffsetNeedsAConfiguredDefault()
    {
        var text = Corpus("pcd01-vitals.hl7").Replace("20261126150500+0000", "20261126150500", StringComparison.Ordinal);

        Map(text).Problem!.Location.ShouldBe("OBR[4]-7.1");
        Events(Map(text, new Hl7MappingOptions { DefaultUtcOffsetMinutes = 60 }))[0]!["occurredAt"]!.GetValue<string>().ShouldBe("2026-11-26T15:05:00+01:00");
    }

    [Theory]
    [InlineData("PV1-x", "PID-3.1")]
    [InlineData("", "PID-3.1")]
    [InlineData("PV1-19.1", "PV1-19.1")]
    public void AMisconfiguredMappingIsRefusedAtStart(string sessionFields, string patientFields) =>
        Should.Throw<FormatException>(() => new Hl7MappingOptions { SessionIdFields = sessionFields, PatientIdFields = patientFields }.Validate());

    [Fact]
    public void TheDefaultMappingIsValid() => new Hl7MappingOptions().Validate();
}
