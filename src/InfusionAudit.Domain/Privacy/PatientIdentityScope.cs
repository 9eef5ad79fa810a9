namespace InfusionAudit.Domain.Privacy;

/// <summary>Where one patient reference names one patient: the hash of a reference is taken within this scope.</summary>
public enum PatientIdentityScope
{
    /// <summary>Each clinic has its own patient numbers: the same reference at two clinics is two patients (the default).</summary>
    Clinic,

    /// <summary>A network of clinics with one patient index: the same reference at any clinic is one patient.</summary>
    Organisation,
}
