"""Ship the documentation (docs/*.md) inside the package, as twolevel/docs/, so that a user who
installed with pip can read the model, the cases and the file formats (`twolevel docs`)."""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithDocs(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib, "twolevel", "docs")
        self.mkpath(str(target))  # an editable build starts from an empty build_lib
        for page in sorted(Path("docs").glob("*.md")):
            self.copy_file(str(page), str(target / page.name))


setup(cmdclass={"build_py": BuildWithDocs})
