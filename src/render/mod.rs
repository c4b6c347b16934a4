//! Render stage (placeholder until the renderers land).
use crate::cli::{BuildArgs, Cli};
use crate::{Checked, Error};

pub(crate) fn build(_cli: &Cli, _args: &BuildArgs, _checked: &Checked) -> Result<(), Error> {
    Ok(())
}
