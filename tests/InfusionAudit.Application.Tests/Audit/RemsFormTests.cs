using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

/// <summary>
/// The esketamine REMS Patient Monitoring Form through real HTTP on Azurite (issue 13 item 7): one session's form as JSON
/// and as a printable page, the missing fields listed, a session the form does not apply to, the clinic's CSV export.
/// </summary>
public sealed class RemsFormTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset Aug4 = new(2025, 8, 4, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ACompleteSessionFillsEveryFieldOfTheForm()
    {
        var clinic = AuditFixture.NewClinic();
        var session = await fixture.IngestAsync(RemsFormSession.Complete(clinic, Aug4));

        using var response = await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/sessions/{session.SessionId}/rems-form", Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        text.ShouldNotContain(session.Script.PatientRef);
        text.ShouldNotContain("patient", Case.Insensitive);
        var form = JsonNode.Parse(text)!;
        form["complete"]!.GetValue<bool>().ShouldBeTrue(text);
        form["missing"]!.AsArray().ShouldBeEmpty();
        form["sessionId"]!.GetValue<string>().ShouldBe(session.SessionId);
        form["protocolId"]!.GetValue<string>().ShouldBe("esketamine-in-trd");
        form["deviceCount"]!.GetValue<int>().ShouldBe(2);
        form["totalDoseMg"]!.GetValue<double>().ShouldBe(56);
        form["devices"]!.AsArray().Select(d => $"{At(d!["at"]):HH:mm} {d["doseMg"]} {d["lotNumber"]}").ShouldBe(["09:01 28 LOT-7A", "09:06 28 LOT-7A"]);
        form["lotNumbers"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["LOT-7A"]);
        At(form["firstDeviceAt"]).ShouldBe(Aug4.AddMinutes(1));
        At(form["monitoringEndedAt"]).ShouldBe(Aug4.AddMinutes(126));
        form["totalMonitoringMin"]!.GetValue<double>().ShouldBe(125);
        At(form["readyToLeaveAt"]).ShouldBe(Aug4.AddMinutes(124));
        var before = form["bloodPressureBeforeDosing"]!;
        (At(before["at"]), before["systolicMmHg"]!.GetValue<double>(), before["diastolicMmHg"]!.GetValue<double>(), before["afterFirstDeviceMin"]!.GetValue<double>())
            .ShouldBe((Aug4.AddMinutes(-10), 128, 82, -11));
        var at40 = form["bloodPressureAt40Minutes"]!;
        (At(at40["at"]), at40["systolicMmHg"]!.GetValue<double>(), at40["afterFirstDeviceMin"]!.GetValue<double>()).ShouldBe((Aug4.AddMinutes(41), 142, 40));
        At(form["bloodPressureBeforeDischarge"]!["at"]).ShouldBe(Aug4.AddMinutes(116));
        form["dissociation"]!["observed"]!.GetValue<bool>().ShouldBeTrue();
        form["dissociation"]!["worstSeverity"]!.GetValue<string>().ShouldBe("mild");
        form["sedation"]!["observed"]!.GetValue<bool>().ShouldBeFalse();
        form["respiratoryDepression"]!["observed"]!.GetValue<bool>().ShouldBeFalse();
        form["concomitantMedicineClasses"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["benzodiazepine"]);
    }

    [Fact]
    public async Task TheFormIsAPrintablePageWithoutScriptsOrExternalAssets()
    {
        var clinic = AuditFixture.NewClinic();
        var session = await fixture.IngestAsync(RemsFormSession.Complete(clinic, Aug4, lot: "<b>LOT&1</b>"));
        var auditor = fixture.Host.Client(TestKeys.Auditor);

        using var byFormat = await auditor.GetAsync($"/api/sessions/{session.SessionId}/rems-form?format=html", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{session.SessionId}/rems-form");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var byAccept = await auditor.SendAsync(request, Ct);

        var html = await byFormat.Content.ReadAsStringAsync(Ct);
        byFormat.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        byFormat.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        byFormat.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'none'");
        (await byAccept.Content.ReadAsStringAsync(Ct)).ShouldBe(html, "Accept: text/html gives the same page");
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("src=", Case.Insensitive);
        html.ShouldNotContain("href=", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("<b>LOT", Case.Sensitive, "a lot number from a device is text, never markup");
        html.ShouldContain("&lt;b&gt;LOT&amp;1&lt;/b&gt;");
        html.ShouldContain("2025-08-04T09:01:00.000+00:00");
        html.ShouldContain("142 / 88");
        html.ShouldNotContain(session.Script.PatientRef);
        html.ShouldContain("Nothing: every field of the form is filled from the record.");
    }

    [Fact]
    public async Task EachFieldTheRecordCannotFillIsListedWithItsReason()
    {
        var clinic = AuditFixture.NewClinic();
        var session = await fixture.IngestAsync(RemsFormSession.Complete(clinic, Aug4, lot: null, screening: false, discharge: false, bpAt40: false));
        var auditor = fixture.Host.Client(TestKeys.Auditor);

        var form = JsonNode.Parse(await auditor.GetStringAsync($"/api/sessions/{session.SessionId}/rems-form", Ct))!;
        var html = await auditor.GetStringAsync($"/api/sessions/{session.SessionId}/rems-form?format=html", Ct);

        form["complete"]!.GetValue<bool>().ShouldBeFalse();
        form["missing"]!.AsArray().Select(m => $"{m!["field"]}: {m["reason"]}").ShouldBe(
        [
            "devices[0].lotNumber: the device given at 2025-08-04T09:01:00+00:00 has no lotNumber",
            "devices[1].lotNumber: the device given at 2025-08-04T09:06:00+00:00 has no lotNumber",
            "monitoringEndedAt: no PatientDischarged is recorded",
            "totalMonitoringMin: no PatientDischarged is recorded",
            "readyToLeaveAt: no PatientDischarged is recorded",
            "bloodPressureAt40Minutes: no plausible blood pressure 30–50 min after the first device",
            "bloodPressureBeforeDischarge: no PatientDischarged is recorded",
            "concomitantMedicineClasses: no ScreeningRecorded is recorded",
        ]);
        form["monitoringEndedAt"].ShouldBeNull();
        form["bloodPressureAt40Minutes"].ShouldBeNull();
        form["concomitantMedicineClasses"].ShouldBeNull();
        form["lotNumbers"]!.AsArray().ShouldBeEmpty();
        html.ShouldContain("<td>bloodPressureAt40Minutes</td><td>no plausible blood pressure 30–50 min after the first device</td>");
    }

    [Fact]
    public async Task ASessionThatIsNotIntranasalEsketamineHasNoForm()
    {
        var clinic = AuditFixture.NewClinic();
        var iv = await fixture.IngestAsync(AuditSession.Standard(clinic, Aug4));
        var auditor = fixture.Host.Client(TestKeys.Auditor);

        using var response = await auditor.GetAsync($"/api/sessions/{iv.SessionId}/rems-form", Ct);
        using var unknown = await auditor.GetAsync($"/api/sessions/S-never-sent/rems-form?clinicId={clinic}", Ct);
        using var onCall = await fixture.Host.Client(TestKeys.OnCall).GetAsync($"/api/sessions/{iv.SessionId}/rems-form", Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(text)!;
        problem["title"]!.GetValue<string>().ShouldBe("Not an intranasal esketamine session");
        problem["detail"]!.GetValue<string>().ShouldBe(
            $"The REMS Patient Monitoring Form applies only to intranasal esketamine sessions; session {iv.SessionId} was judged against protocol ketamine-iv-depression v1.");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        onCall.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the form is an auditor's read");
    }

    [Fact]
    public async Task TheClinicExportHasOneCsvLinePerEsketamineSessionOfTheRange()
    {
        var clinic = AuditFixture.NewClinic();
        var complete = await fixture.IngestAsync(RemsFormSession.Complete(clinic, Aug4));
        var incomplete = await fixture.IngestAsync(RemsFormSession.Complete(clinic, Aug4.AddDays(1), lot: null, discharge: false));
        await fixture.IngestAsync(AuditSession.Standard(clinic, Aug4.AddHours(4)));
        await fixture.IngestAsync(RemsFormSession.Complete(clinic, Aug4.AddDays(9)));
        var auditor = fixture.Host.Client(TestKeys.Auditor);

        using var response = await auditor.GetAsync($"/api/clinics/{clinic}/rems-forms?from=2025-08-01&to=2025-08-05&format=csv", Ct);
        var json = JsonNode.Parse(await auditor.GetStringAsync($"/api/clinics/{clinic}/rems-forms?from=2025-08-01&to=2025-08-05", Ct))!;

        var csv = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, csv);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(
            "sessionId,clinicId,protocolId,protocolVersion,sessionStatus,deviceCount,totalDoseMg,deviceDosesMg,lotNumbers,firstDeviceAt,monitoringEndedAt,totalMonitoringMin,readyToLeaveAt," +
            "bpBeforeDosingAt,bpBeforeDosingSystolicMmHg,bpBeforeDosingDiastolicMmHg,bpAt40MinutesAt,bpAt40MinutesSystolicMmHg,bpAt40MinutesDiastolicMmHg,bpAt40MinutesAfterFirstDeviceMin," +
            "bpBeforeDischargeAt,bpBeforeDischargeSystolicMmHg,bpBeforeDischargeDiastolicMmHg,sedationObserved,dissociationObserved,respiratoryDepressionObserved,concomitantMedicineClasses,complete,missingFields");
        lines.Length.ShouldBe(3, csv);
        lines[1].ShouldBe(
            $"{complete.SessionId},{clinic},esketamine-in-trd,1,ended,2,56,28;28,LOT-7A,2025-08-04T09:01:00.000+00:00,2025-08-04T11:06:00.000+00:00,125,2025-08-04T11:04:00.000+00:00," +
            "2025-08-04T08:50:00.000+00:00,128,82,2025-08-04T09:41:00.000+00:00,142,88,40,2025-08-04T10:56:00.000+00:00,124,80,false,true,false,benzodiazepine,true,");
        lines[2].ShouldStartWith($"{incomplete.SessionId},{clinic},esketamine-in-trd,1,ended,2,56,28;28,,");
        lines[2].ShouldEndWith(",false,devices[0].lotNumber;devices[1].lotNumber;monitoringEndedAt;totalMonitoringMin;readyToLeaveAt;bloodPressureBeforeDischarge");
        json["count"]!.GetValue<int>().ShouldBe(2);
        json["completeCount"]!.GetValue<int>().ShouldBe(1);
        json["incompleteCount"]!.GetValue<int>().ShouldBe(1);
        json["forms"]!.AsArray().Select(f => f!["sessionId"]!.GetValue<string>()).ShouldBe([complete.SessionId, incomplete.SessionId]);
    }
}
