"""Staff and whereabouts: statuses (editable list), staff members, the change log."""

from .log import StatusChange
from .members import StaffMember
from .statuses import WhereaboutsStatus

__all__ = ["StaffMember", "StatusChange", "WhereaboutsStatus"]
