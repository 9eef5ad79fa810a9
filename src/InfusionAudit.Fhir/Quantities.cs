using System.Text.Json;
using Hl7.Fhir.Model;

namespace InfusionAudit.Fhir;

/// <summary>UCUM quantities, their value exactly as stored (<see cref="FhirNumbers"/>).</summary>
internal static class Quantities
{
    public static Quantity? Mg(double value) => Of(FhirNumbers.FromDouble(value), "mg", "mg");

    public static Quantity? Mg(JsonElement value) => Of(FhirNumbers.FromJson(value), "mg", "mg");

    public static Quantity? MlPerHour(double value) => Of(FhirNumbers.FromDouble(value), "mL/h", "mL/h");

    public static Quantity? MgPerKgPerHour(double value) => Of(FhirNumbers.FromDouble(value), "mg/kg/h", "mg/kg/h");

    public static Quantity? Of(decimal? value, string unit, string ucum) =>
        value is { } v ? new Quantity { Value = v, Unit = unit, System = FhirSystems.Ucum, Code = ucum } : null;
}
