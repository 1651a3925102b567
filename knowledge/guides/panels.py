"""The editor's "Approval" panel: who approved the live version, who may approve a newer one."""

from wagtail.admin.panels import Panel


class ApprovalPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "guides/admin/approval_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            from .workflow import approval_status, approvers

            context = super().get_context_data(parent_context)
            context["approval"] = approval_status(self.instance)
            task_state = self.instance.current_workflow_task_state
            context["approvers"] = (
                list(approvers(task=task_state.task, page=self.instance, task_state=task_state))
                if task_state is not None and hasattr(task_state.task.specific, "groups")
                else []
            )
            return context
