"""The DESIGN.md sequence example (plus a second partner) and a TOML writer for any document."""
from scenario_files import toml_value



# The DESIGN.md sequence example, plus a second partner
FARMERS = {"name": "farmers", "weight": 1.0, "gain": 0.3, "slope": -1.0, "status_quo": 0.0}
EXAMPLE = {
    "solution": "nash", "objective": "welfare", "discount": 0.95, "pressure_cost": 1.0,
    "learning": 0.0,
    "home": {"name": "Japan", "cost": 1.0, "power": 0.5, "funds_cost": 1.2},
    "pressure": {"initial": 0.3, "growth": 0.1, "failure": 0.05},
    "partners": [
        {"name": "Mexico", "relief": 0.5, "duration": 1.4, "willing_after": 0,
         "home": {"gain": 1.0, "batna": 0.3, "constituencies": [FARMERS]},
         "partner": {"gain": 0.0, "benefit": 1.0, "batna": 0.1}},
        {"name": "Singapore", "relief": 0.4, "duration": 0.8,
         "home": {"gain": 0.2, "batna": 0.1, "cost": 0.3},
         "partner": {"gain": 0.0, "benefit": 1.0, "batna": 0.05}},
    ],
}
MINIMAL = {"home": {"cost": 1.0}, "pressure": {"initial": 0.3},
           "partners": [{"name": "Mexico", "home": {"gain": 1.0, "batna": 0.3},
                         "partner": {"gain": 0.0, "benefit": 1.0, "batna": 0.1}}]}


def toml_doc(doc, prefix="") -> str:
    """Any document as TOML: scalars, then [tables], then [[arrays of tables]], recursively."""
    def is_tables(v):
        return isinstance(v, list) and v and all(isinstance(x, dict) for x in v)

    lines = [f"{k} = {toml_value(v)}" for k, v in doc.items()
             if not isinstance(v, dict) and not is_tables(v)]
    for k, v in doc.items():
        if isinstance(v, dict):
            lines += [f"[{prefix}{k}]", toml_doc(v, f"{prefix}{k}.")]
        elif is_tables(v):
            for item in v:
                lines += [f"[[{prefix}{k}]]", toml_doc(item, f"{prefix}{k}.")]
    return "\n".join(lines) + "\n"


def load_doc(tmp_path, doc, name="problem.toml"):
    """``doc`` written as TOML to ``tmp_path / name`` and loaded by ``twolevel.files``:
    (the object, the path)."""
    from twolevel import files
    path = tmp_path / name
    path.write_text(toml_doc(doc))
    return files.load(path), path
